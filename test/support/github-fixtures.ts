/**
 * Hand-built report models and run contexts for the publish stage's GitHub tests, and
 * a scratch folder with the files a runner gives a step (`GITHUB_OUTPUT`,
 * `GITHUB_STEP_SUMMARY`).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Analysis } from '../../src/analyze/types.js'
import type { Comparison, SeriesComparison } from '../../src/compare/types.js'
import type { Narrative } from '../../src/narrate/types.js'
import type { ReportModel, RunContext } from '../../src/publish/index.js'
import { readSettings, type Settings } from '../../src/settings/index.js'
import { LATENCY_MS as LATENCY } from './metric-descriptors.js'
import { comparison } from './report-fixtures.js'
export { LATENCY_MS as LATENCY } from './metric-descriptors.js'

/** Builds an analysis with no series and no problems. */
export function emptyAnalysis(): Analysis {
  return {
    inventory: { totalFiles: 1, byType: {}, byFolder: {}, parsedFiles: 1, skipped: [], history: 'git', proseFiles: 0 },
    series: [],
    failures: [],
    warnings: [],
    percentileMethod: 'linear interpolation between closest ranks (R type 7)'
  }
}

/** Builds a compared series whose median went from `base` to `head` ms. */
export function latencyEntry(series: string, base: number, head: number, options: { line?: number; failsJob?: boolean; path?: string } = {}): SeriesComparison {
  const change = (head - base) / base
  const regression = change > 0.1
  return {
    benchmark: 'reports/latency.csv',
    seriesKey: `series=${series}`,
    metric: LATENCY,
    direction: 'lower-is-better',
    state: regression ? 'regression' : 'unchanged',
    headPath: options.path ?? 'reports/latency.csv',
    basePath: options.path ?? 'reports/latency.csv',
    headRun: null,
    baseRun: null,
    headN: 3,
    baseN: 3,
    changes: [
      {
        statistic: 'median',
        base,
        head,
        change,
        pValue: null,
        noTestReason: 'fewer than 5 samples',
        threshold: 0.1,
        absoluteFloor: 0,
        exceedsThreshold: regression
      }
    ],
    gated: true,
    failsJob: options.failsJob ?? regression,
    notes: [],
    line: options.line ?? 2
  }
}

/** Builds a comparison of the given entries, with counts and the verdict derived from them. */
export function comparisonOf(entries: SeriesComparison[]): Comparison {
  const failing = entries.filter(entry => entry.failsJob).length
  return comparison(entries, { failureMessage: failing > 0 ? `${failing} regression(s)` : null })
}

export function offNarrative(): Narrative {
  return { status: 'off', markdown: null, note: 'narrative: off', removedSentences: 0, factsTrimmed: false, run: null }
}

/** Reads settings from action inputs, with the action's defaults for the rest. */
export function settingsFrom(inputs: Record<string, string>, reportDirectory: string): Settings {
  return readSettings(name => inputs[name] ?? '', {
    tempDirectory: reportDirectory,
    defaultCommentKey: 'Benchmarks/report',
    readTextFile: () => ''
  })
}

/** Builds the run of a same-repository pull request #7 on `owner/repo`. */
export function pullRequestRun(apiUrl: string, summaryPath: string, overrides: Partial<RunContext> = {}): RunContext {
  return {
    eventName: 'pull_request',
    repository: 'owner/repo',
    serverUrl: 'https://github.test',
    apiUrl,
    runId: '4242',
    workflow: 'Benchmarks',
    job: 'report',
    sha: 'abcdef0123456789abcdef0123456789abcdef01',
    prNumber: 7,
    fromFork: false,
    summaryPath,
    ...overrides
  }
}

/** A scratch folder with empty `GITHUB_OUTPUT` and `GITHUB_STEP_SUMMARY` files, set in the environment. */
export class RunnerFiles {
  readonly root: string
  readonly outputPath: string
  readonly summaryPath: string
  readonly reportDirectory: string
  private readonly saved: Record<string, string | undefined>

  constructor() {
    this.root = mkdtempSync(join(tmpdir(), 'obr-github-'))
    this.outputPath = join(this.root, 'github-output')
    this.summaryPath = join(this.root, 'step-summary.md')
    this.reportDirectory = join(this.root, 'report')
    writeFileSync(this.outputPath, '')
    writeFileSync(this.summaryPath, '')
    this.saved = { GITHUB_OUTPUT: process.env.GITHUB_OUTPUT, GITHUB_STEP_SUMMARY: process.env.GITHUB_STEP_SUMMARY }
    process.env.GITHUB_OUTPUT = this.outputPath
    process.env.GITHUB_STEP_SUMMARY = this.summaryPath
  }

  /** Restores the environment and deletes the folder. */
  dispose(): void {
    for (const [name, value] of Object.entries(this.saved)) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
    rmSync(this.root, { recursive: true, force: true })
  }
}

/** Parses a `GITHUB_OUTPUT` file (`name<<delimiter` blocks, as `core.setOutput` writes them). */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let index = 0; index < lines.length; index++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[index])
    if (match === null) continue
    const [, name, delimiter] = match
    const value: string[] = []
    index++
    while (index < lines.length && lines[index] !== delimiter) value.push(lines[index++])
    outputs[name] = value.join('\n')
  }
  return outputs
}

/** Builds a model of the given comparison, with no series and narrative off. */
export function reportModel(settings: Settings, run: RunContext, comparison: Comparison, head: Analysis = emptyAnalysis()): ReportModel {
  return { head, comparison, narrative: offNarrative(), settings, run }
}
