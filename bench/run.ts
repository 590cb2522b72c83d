/**
 * The benchmark suite (`npm run bench`): measures the action's cost as ratios
 * against floors measured in the same run on the same machine, prints each figure
 * with its goal, and writes the figures to a JSON file.
 *
 *   node --import tsx bench/run.ts [--quick] [--large-csv-mb N] [--files N] [--repeat N] [--only a,b] [--output FILE]
 *
 * Unmet goals are reported, not failed: the exit status is 1 only when a benchmark
 * could not be measured, and 2 for invalid options.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { repoRoot } from '../test/support/action-runner.js'
import { benchCorpus } from './benchmarks/corpus.js'
import { benchLargeCsv } from './benchmarks/large-csv.js'
import { benchManyFiles } from './benchmarks/many-files.js'
import { benchModel } from './benchmarks/model.js'
import { benchStartup } from './benchmarks/startup.js'
import type { BenchContext } from './context.js'
import { benchRoot, removeTemporaryFolders } from './measure.js'
import { BENCHMARK_NAMES, describeCommit, describeMachine, formatBenchmark, type BenchmarkName, type BenchmarkResult, type Outcome } from './results.js'

const USAGE = `Usage: npm run bench -- [options]

Measures the action against floors measured in the same run and prints each figure
with its goal. Sizes in MB are 2^20 bytes.

Options:
  --quick             small sizes (a ${quickSizes().largeCsvMb} MB CSV, ${quickSizes().files} files, ${quickSizes().repetitions} repetition, no warm-up), for the smoke test
  --large-csv-mb <N>  size of the generated CSV in MB (default 256; the peak-RSS goal is stated for 1024)
  --files <N>         number of generated small files (default 20000)
  --repeat <N>        timed repetitions of each command and its floor (default 5)
  --only <names>      comma-separated benchmarks to run: ${BENCHMARK_NAMES.join(', ')}
  --output <file>     where to write the figures as JSON (default bench/results/latest.json)
  --help              print this help`

const TITLES: Record<BenchmarkName, string> = {
  corpus: 'Real corpus, whole action',
  'large-csv': 'One large CSV, collect and analyze',
  'many-files': 'Many small files, whole action',
  startup: 'Start-up',
  model: 'The model call'
}

const RUNNERS: Record<BenchmarkName, (context: BenchContext) => Promise<Outcome>> = {
  corpus: benchCorpus,
  'large-csv': benchLargeCsv,
  'many-files': benchManyFiles,
  startup: benchStartup,
  model: benchModel
}

/** Upper bounds of the options, so that a typo cannot start a run of hours. */
const MAX_LARGE_CSV_MB = 8192
const MAX_FILES = 200_000
const MAX_REPETITIONS = 50

function quickSizes(): { largeCsvMb: number; files: number; repetitions: number } {
  return { largeCsvMb: 2, files: 100, repetitions: 1 }
}

class UsageError extends Error {}

interface Options {
  context: Omit<BenchContext, 'progress'>
  only: BenchmarkName[]
  output: string
}

function readOptions(argv: string[]): Options | null {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      quick: { type: 'boolean', default: false },
      'large-csv-mb': { type: 'string' },
      files: { type: 'string' },
      repeat: { type: 'string' },
      only: { type: 'string' },
      output: { type: 'string' },
      help: { type: 'boolean', default: false }
    }
  })
  if (values.help) return null
  if (positionals.length > 0) throw new UsageError(`Unexpected argument '${positionals[0]}': the suite takes options only.`)

  const quick = values.quick
  const defaults = quick ? quickSizes() : { largeCsvMb: 256, files: 20_000, repetitions: 5 }
  const only = values.only === undefined ? [...BENCHMARK_NAMES] : values.only.split(',').map(name => name.trim()).filter(name => name !== '')
  for (const name of only) {
    if (!(BENCHMARK_NAMES as readonly string[]).includes(name)) {
      throw new UsageError(`Unknown benchmark '${name}' in --only; expected one of ${BENCHMARK_NAMES.join(', ')}.`)
    }
  }
  return {
    context: {
      quick,
      warmUp: !quick,
      largeCsvMb: readCount('--large-csv-mb', values['large-csv-mb'], defaults.largeCsvMb, MAX_LARGE_CSV_MB),
      files: readCount('--files', values.files, defaults.files, MAX_FILES),
      repetitions: readCount('--repeat', values.repeat, defaults.repetitions, MAX_REPETITIONS)
    },
    only: only as BenchmarkName[],
    output: resolve(values.output ?? join(benchRoot, 'results/latest.json'))
  }
}

function readCount(option: string, text: string | undefined, fallback: number, maximum: number): number {
  if (text === undefined) return fallback
  const value = Number(text)
  if (!Number.isInteger(value) || value < 1 || value > maximum) {
    throw new UsageError(`Invalid ${option} '${text}': expected a whole number from 1 to ${maximum}.`)
  }
  return value
}

async function main(argv: string[]): Promise<number> {
  let options: Options | null
  try {
    options = readOptions(argv)
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof TypeError)) throw error
    process.stderr.write(`${error.message}\n\n${USAGE}\n`)
    return 2
  }
  if (options === null) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }

  const machine = describeMachine()
  const commit = describeCommit(repoRoot)
  const context: BenchContext = { ...options.context, progress: message => process.stderr.write(`  … ${message}\n`) }
  process.stdout.write(
    `Benchmarks of ${commit ?? 'a work tree outside git'} on ${machine.cpuModel}, ${machine.cpus} CPUs, ${machine.memory} of memory, Node.js ${machine.node}\n` +
      `Each ratio compares two medians measured in this run; goals that are not met are reported, not failed.\n\n`
  )

  const results: BenchmarkResult[] = []
  for (const name of options.only) {
    const started = performance.now()
    let outcome: Outcome
    try {
      outcome = await RUNNERS[name](context)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      outcome = { status: 'failed', reason: message, setup: [], figures: [], samples: {} }
    }
    const result: BenchmarkResult = { name, title: TITLES[name], ...outcome, durationMs: performance.now() - started }
    results.push(result)
    process.stdout.write(`${formatBenchmark(result)}\n\n`)
  }

  const document = {
    schemaVersion: 1,
    date: new Date().toISOString(),
    commit,
    machine,
    options: { ...options.context, only: options.only },
    benchmarks: results
  }
  mkdirSync(dirname(options.output), { recursive: true })
  writeFileSync(options.output, `${JSON.stringify(document, null, 2)}\n`)

  const goals = results.flatMap(result => result.figures).filter(entry => entry.met !== null)
  const met = goals.filter(entry => entry.met === true).length
  const failed = results.filter(result => result.status === 'failed').map(result => result.name)
  process.stdout.write(`Goals met: ${met} of ${goals.length}.${failed.length > 0 ? ` Failed to measure: ${failed.join(', ')}.` : ''}\n`)
  process.stdout.write(`Figures written to ${options.output}\n`)
  return failed.length > 0 ? 1 : 0
}

let settled = false

for (const [signal, status] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.once(signal, () => {
    settled = true
    process.stderr.write(`Stopped by ${signal}; removing the temporary folders.\n`)
    removeTemporaryFolders()
    process.exit(status)
  })
}

process.on('exit', () => {
  // Node.js exits with status 0 when the event loop empties while a promise is still pending.
  if (!settled) {
    process.stderr.write('error: the suite stopped before it finished: an awaited operation never completed.\n')
    process.exitCode = 1
  }
})

main(process.argv.slice(2))
  .then(code => {
    settled = true
    process.exitCode = code
  })
  .catch((error: unknown) => {
    settled = true
    process.stderr.write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    process.exitCode = 1
  })
  .finally(removeTemporaryFolders)
