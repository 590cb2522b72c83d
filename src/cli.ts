/**
 * Command-line preview: runs the action's pipeline on a folder and prints the
 * report to stdout, without GitHub. Logs go to stderr.
 *
 *   node dist/cli/index.js [options] <folder>
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { buildReportModel } from './pipeline.js'
import { renderReport } from './publish/index.js'
import { buildMetricsDocument } from './publish/metrics-json.js'
import type { RunContext } from './publish/index.js'
import { Inputs, readSettings } from './settings/index.js'
import { StderrLogger } from './stderr-logger.js'

const USAGE = `Usage: ollama-benchmark-report [options] <folder>

Prints the benchmark report of the artifacts in <folder> as Markdown.

Options:
  --base <folder>        compare with the artifacts in this folder (the baseline-path input)
  --input <name=value>   set any action input, such as --input max-regression=5; repeatable
  --metrics <file>       also write the metrics JSON to this file
  --gate                 exit with status 1 when the gate fails, as the action's job would
  --verbose              print debug lines on stderr
  --help                 print this help`

const KNOWN_INPUTS = new Set<string>(Object.values(Inputs))

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      base: { type: 'string' },
      input: { type: 'string', multiple: true },
      metrics: { type: 'string' },
      gate: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false }
    }
  })
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  if (positionals.length !== 1) {
    process.stderr.write(`Expected one folder, got ${positionals.length}.\n\n${USAGE}\n`)
    return 2
  }

  const workspace = resolve(positionals[0])
  const inputs = new Map<string, string>()
  for (const assignment of values.input ?? []) {
    const equals = assignment.indexOf('=')
    if (equals <= 0) {
      process.stderr.write(`Invalid --input '${assignment}': expected name=value, such as max-regression=5.\n`)
      return 2
    }
    const name = assignment.slice(0, equals).trim()
    if (!KNOWN_INPUTS.has(name)) {
      process.stderr.write(`Unknown input '${name}' in --input: expected one of ${[...KNOWN_INPUTS].sort().join(', ')}.\n`)
      return 2
    }
    inputs.set(name, assignment.slice(equals + 1).trim())
  }
  if (values.base !== undefined) inputs.set(Inputs.BaselinePath, resolve(values.base))

  const settings = readSettings(name => inputs.get(name) ?? '', {
    ollamaHostVariable: process.env.OLLAMA_HOST,
    tempDirectory: tmpdir(),
    defaultCommentKey: 'preview',
    readTextFile: path => readFileSync(resolve(workspace, path), 'utf8')
  })
  const run: RunContext = {
    eventName: 'workflow_dispatch',
    repository: '',
    serverUrl: 'https://github.com',
    apiUrl: 'https://api.github.com',
    runId: '',
    workflow: 'preview',
    job: 'preview',
    sha: '',
    prNumber: null,
    fromFork: false,
    summaryPath: null
  }

  const log = new StderrLogger(values.verbose)
  const model = await buildReportModel({ settings, run, workspace, baseSha: null, defaultBranch: null }, log)
  process.stdout.write(renderReport(model))
  if (values.metrics !== undefined) {
    writeFileSync(values.metrics, `${JSON.stringify(buildMetricsDocument(model), null, 2)}\n`)
  }
  return values.gate && model.comparison.failed ? 1 : 0
}

main(process.argv.slice(2)).then(
  code => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 2
  }
)
