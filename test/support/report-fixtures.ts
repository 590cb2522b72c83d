/**
 * Hand-built report models for the rendering tests. Statistics are given as
 * inputs (taken from hand calculations), never computed here.
 */
import type { Analysis, Inventory, SeriesMetric, SummaryStatistics } from '../../src/analyze/types.js'
import type { Comparison, ComparisonState, SeriesComparison, StatisticChange } from '../../src/compare/types.js'
import { COMPARISON_STATES } from '../../src/compare/types.js'
import type { ModelRunMetrics, Narrative } from '../../src/narrate/types.js'
import type { ReportModel, RunContext } from '../../src/publish/index.js'
import { readSettings } from '../../src/settings/index.js'
import { LATENCY_MS, TOKENS_PER_SECOND as THROUGHPUT } from './metric-descriptors.js'
export { LATENCY_MS, TOKENS_PER_SECOND as THROUGHPUT } from './metric-descriptors.js'

/** Builds statistics from the given fields, with 0 for the others and a null `stddev`. */
export function statistics(values: Partial<SummaryStatistics> & { n: number }): SummaryStatistics {
  return { mean: 0, stddev: null, min: 0, max: 0, p50: 0, p90: 0, p95: 0, p99: 0, ...values }
}

/** Builds a head series with one label, `series=<name>`. */
export function series(name: string, stats: SummaryStatistics | null, overrides: Partial<SeriesMetric> = {}): SeriesMetric {
  const path = overrides.path ?? 'reports/latency.csv'
  return {
    path,
    location: '',
    benchmark: path,
    runStamp: null,
    labels: { series: name },
    seriesKey: `series=${name}`,
    metric: LATENCY_MS,
    stats,
    samples: new Float64Array(0),
    coldStartIndex: null,
    droppedNonFinite: 0,
    failedRuns: 0,
    flags: [],
    line: 2,
    ...overrides
  }
}

/** Builds a comparison entry for a head series, with one statistic change or none. */
export function entry(head: SeriesMetric, state: ComparisonState, change: Partial<StatisticChange> | null, overrides: Partial<SeriesComparison> = {}): SeriesComparison {
  const changes: StatisticChange[] =
    change === null
      ? []
      : [
          {
            statistic: 'median',
            base: 0,
            head: 0,
            change: 0,
            pValue: null,
            noTestReason: 'fewer than 5 samples',
            threshold: 0.1,
            absoluteFloor: 0,
            exceedsThreshold: false,
            ...change
          }
        ]
  return {
    benchmark: head.benchmark,
    seriesKey: head.seriesKey,
    metric: head.metric,
    direction: head.metric.direction,
    state,
    headPath: state === 'removed' ? null : head.path,
    basePath: state === 'new' ? null : head.path,
    headRun: null,
    baseRun: null,
    headN: head.stats?.n ?? 0,
    baseN: head.stats?.n ?? 0,
    changes,
    gated: head.metric.kind === 'latency',
    failsJob: state === 'regression' && head.metric.kind === 'latency',
    notes: [],
    line: head.line,
    ...overrides
  }
}

export function inventory(overrides: Partial<Inventory> = {}): Inventory {
  return {
    totalFiles: 2,
    byType: { csv: { files: 2, newest: '2024-05-01T10:00:00Z', newestSource: 'git' } },
    byFolder: { reports: { files: 2, newest: '2024-05-01T10:00:00Z', newestSource: 'git' } },
    parsedFiles: 2,
    skipped: [],
    history: 'git',
    proseFiles: 0,
    ...overrides
  }
}

export function analysis(seriesList: SeriesMetric[], overrides: Partial<Analysis> = {}): Analysis {
  return {
    inventory: inventory(),
    series: seriesList,
    failures: [],
    warnings: [],
    percentileMethod: "linear interpolation between closest ranks (numpy's default, R type 7)",
    ...overrides
  }
}

/** Builds a comparison of the entries, with counts and the verdict taken from them. */
export function comparison(entries: SeriesComparison[], overrides: Partial<Comparison> = {}): Comparison {
  const counts = Object.fromEntries(COMPARISON_STATES.map(state => [state, 0])) as Record<ComparisonState, number>
  for (const item of entries) counts[item.state] += 1
  const failing = entries.filter(item => item.failsJob)
  return {
    baseline: { kind: 'git', ref: 'main', reason: null },
    entries,
    counts,
    noise: [],
    failed: failing.length > 0,
    failureMessage: failing.length > 0 ? `${failing.length} latency regression(s) above the 10 % threshold` : null,
    settings: {
      statistic: 'median',
      threshold: 0.1,
      absoluteFloorMs: 0,
      alpha: 0.05,
      failOn: ['regression', 'failed'],
      gateMetrics: [],
      keepColdStarts: false
    },
    ...overrides
  }
}

export const FACTS_HASH = 'a'.repeat(64)

export function modelRun(overrides: Partial<ModelRunMetrics> = {}): ModelRunMetrics {
  return {
    model: 'gemma3:latest',
    digest: 'a2af6cc3eb7f',
    calls: 1,
    tokensPerSecond: 41.25,
    timeToFirstTokenMs: 812.4,
    wallClockMs: 9876.5,
    totalDurationMs: 9700.25,
    loadDurationMs: 120.5,
    promptEvalDurationMs: 640.75,
    evalDurationMs: 8900,
    tokensGenerated: 367,
    promptTokens: 1412,
    promptTokensEstimate: 1500,
    doneReason: 'stop',
    options: { temperature: 0.2, num_ctx: 8192 },
    factsHash: FACTS_HASH,
    ...overrides
  }
}

export function noNarrative(status: Narrative['status'] = 'off', note: string | null = null): Narrative {
  return { status, markdown: null, note, removedSentences: 0, factsTrimmed: false, run: null }
}

export const RUN: RunContext = {
  eventName: 'pull_request',
  repository: 'owner/project',
  serverUrl: 'https://github.com',
  apiUrl: 'https://api.github.com',
  runId: '42',
  workflow: 'bench',
  job: 'report',
  sha: '0123456789abcdef0123456789abcdef01234567',
  prNumber: 7,
  fromFork: false,
  summaryPath: null
}

/** Builds a report model with default settings read through the real settings reader. */
export function model(head: Analysis, compared: Comparison, narrative: Narrative = noNarrative()): ReportModel {
  const settings = readSettings(() => '', {
    tempDirectory: '/tmp',
    defaultCommentKey: 'bench/report',
    readTextFile: () => ''
  })
  return { head, comparison: compared, narrative, settings, run: RUN }
}
