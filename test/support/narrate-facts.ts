/**
 * Hand-built facts for the narrate tests: `Analysis` and `Comparison` objects with
 * statistics calculated by hand, so the narrate stage is tested without the
 * collect, analyze and compare stages.
 */
import type { Analysis, MetricDescriptor, SeriesMetric, SummaryStatistics } from '../../src/analyze/types.js'
import type { Comparison, ComparisonState, SeriesComparison, StatisticChange } from '../../src/compare/types.js'
import { COMPARISON_STATES } from '../../src/compare/types.js'
import { MemoryLogger } from '../../src/logger.js'
import type { NarrateSettings } from '../../src/settings/index.js'
import { LATENCY_MS as LATENCY, TOKENS_PER_SECOND as THROUGHPUT } from './metric-descriptors.js'
export { LATENCY_MS as LATENCY, TOKENS_PER_SECOND as THROUGHPUT } from './metric-descriptors.js'

/** Statistics of one sample: every figure is the sample. */
export function single(value: number): SummaryStatistics {
  return { n: 1, mean: value, stddev: null, min: value, max: value, p50: value, p90: value, p95: value, p99: value }
}

/** Builds a series with a `series` label, as the analyze stage reports `series,latency_ms` files. */
export function series(path: string, name: string, stats: SummaryStatistics | null, metric: MetricDescriptor = LATENCY): SeriesMetric {
  return {
    path,
    location: '',
    benchmark: path,
    runStamp: null,
    labels: { series: name },
    seriesKey: `series=${name}`,
    metric,
    stats,
    samples: new Float64Array(),
    coldStartIndex: null,
    droppedNonFinite: 0,
    failedRuns: 0,
    flags: [],
    line: 2
  }
}

export function analysis(seriesList: SeriesMetric[], overrides: Partial<Analysis> = {}): Analysis {
  const paths = [...new Set(seriesList.map(entry => entry.path))]
  return {
    inventory: {
      totalFiles: paths.length,
      byType: { csv: { files: paths.length, newest: null } },
      byFolder: { reports: { files: paths.length, newest: null } },
      parsedFiles: paths.length,
      skipped: [],
      history: 'git',
      proseFiles: 0
    },
    series: seriesList,
    failures: [],
    warnings: [],
    percentileMethod: 'linear interpolation (numpy default, R type 7)',
    ...overrides
  }
}

export function change(statistic: StatisticChange['statistic'], base: number, head: number, threshold = 0.1): StatisticChange {
  const relative = (head - base) / base
  return {
    statistic,
    base,
    head,
    change: relative,
    pValue: null,
    noTestReason: 'fewer than 5 samples',
    threshold,
    absoluteFloor: 0,
    exceedsThreshold: Math.abs(relative) > threshold
  }
}

export function entry(path: string, name: string, state: ComparisonState, changes: StatisticChange[], n: { base: number; head: number }, metric: MetricDescriptor = LATENCY): SeriesComparison {
  return {
    benchmark: path,
    seriesKey: `series=${name}`,
    metric,
    direction: metric.direction,
    state,
    headPath: path,
    basePath: path,
    headRun: null,
    baseRun: null,
    headN: n.head,
    baseN: n.base,
    changes,
    gated: metric.kind === 'latency',
    failsJob: state === 'regression' || state === 'failed',
    notes: [],
    line: 2
  }
}

export function comparison(entries: SeriesComparison[], threshold = 0.1): Comparison {
  const counts = Object.fromEntries(COMPARISON_STATES.map(state => [state, 0])) as Record<ComparisonState, number>
  for (const item of entries) counts[item.state] += 1
  const failed = entries.some(item => item.failsJob)
  return {
    baseline: entries.length === 0 ? { kind: 'none', ref: null, reason: 'first run: no baseline artifacts' } : { kind: 'git', ref: 'a1b2c3d', reason: null },
    entries,
    counts,
    noise: [],
    failed,
    failureMessage: failed ? 'regression' : null,
    settings: { statistic: 'median', threshold, absoluteFloorMs: 0, alpha: 0.05, failOn: ['regression', 'failed'], gateMetrics: [], keepColdStarts: false }
  }
}

/** Narrate settings as read from empty inputs, pointed at `host`, with short limits for tests. */
export function narrateSettings(host: string, overrides: Partial<NarrateSettings> = {}): NarrateSettings {
  return {
    mode: 'auto',
    stages: 'single',
    host,
    headers: {},
    model: 'gemma3',
    pullModel: false,
    options: {},
    keepAlive: null,
    firstTokenTimeoutMs: 5000,
    timeoutMs: 10_000,
    prompt: null,
    numberCheck: 'remove-sentences',
    reuse: true,
    ...overrides
  }
}

/**
 * chat 190/200/210 ms on the base and 250/260/270 ms on the head: p50 200 -> 260
 * (+30.0 %), a regression at a 10 % threshold. p95 by linear interpolation:
 * 200 + 0.9 * 10 = 209 and 260 + 0.9 * 10 = 269.
 */
export function chatRegression(): { head: Analysis; comparison: Comparison } {
  const stats: SummaryStatistics = { n: 3, mean: 260, stddev: 10, min: 250, max: 270, p50: 260, p90: 268, p95: 269, p99: 269.8 }
  const head = analysis([series('reports/latency.csv', 'chat', stats)])
  const compared = comparison([entry('reports/latency.csv', 'chat', 'regression', [change('median', 200, 260), change('p95', 209, 269)], { base: 3, head: 3 })])
  return { head, comparison: compared }
}

export function newLogger(): MemoryLogger {
  return new MemoryLogger()
}
