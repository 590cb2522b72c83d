/**
 * Builders of analyze-stage results for the compare tests: series with given samples,
 * and the gate settings with the action's defaults.
 */
import type { Analysis, FailedRunGroup, MetricDescriptor, SeriesMetric } from '../../src/analyze/types.js'
import type { GateSettings } from '../../src/settings/index.js'
import { LATENCY_MS } from './metric-descriptors.js'
export { LATENCY_MS } from './metric-descriptors.js'

/** Throughput in tokens/s, higher is better, raw samples. */
export const TOKENS_PER_SECOND: MetricDescriptor = {
  name: 'tokens_s',
  kind: 'throughput',
  direction: 'higher-is-better',
  unit: 'tokens/s',
  sourceUnit: 'tokens/s',
  aggregate: null
}

export interface SeriesOptions {
  path?: string
  location?: string
  benchmark?: string
  runStamp?: string | null
  seriesKey?: string
  metric?: Partial<MetricDescriptor>
  samples?: number[]
  coldStartIndex?: number | null
  failedRuns?: number
  line?: number
}

/**
 * Builds one series. Its `stats` are rough summaries of `samples`, because the compare
 * stage recomputes what it gates on; they are null when there are no samples.
 */
export function series(options: SeriesOptions = {}): SeriesMetric {
  const path = options.path ?? 'reports/latency.csv'
  const samples = options.samples ?? [100, 110, 120]
  const seriesKey = options.seriesKey ?? 'series=chat'
  const sorted = [...samples].sort((a, b) => a - b)
  const mean = samples.reduce((sum, value) => sum + value, 0) / Math.max(1, samples.length)
  return {
    path,
    location: options.location ?? '',
    benchmark: options.benchmark ?? path,
    runStamp: options.runStamp ?? null,
    labels: seriesKey === '' ? {} : Object.fromEntries(seriesKey.split(', ').map(pair => pair.split('='))),
    seriesKey,
    metric: { ...LATENCY_MS, ...options.metric },
    stats:
      samples.length === 0
        ? null
        : {
            n: samples.length,
            mean,
            stddev: null,
            min: sorted[0],
            max: sorted[sorted.length - 1],
            p50: sorted[Math.floor(sorted.length / 2)],
            p90: sorted[sorted.length - 1],
            p95: sorted[sorted.length - 1],
            p99: sorted[sorted.length - 1]
          },
    samples: Float64Array.from(samples),
    coldStartIndex: options.coldStartIndex ?? null,
    droppedNonFinite: 0,
    failedRuns: options.failedRuns ?? 0,
    flags: [],
    line: options.line ?? 2
  }
}

/** Builds a series whose every row failed. */
export function failedSeries(options: SeriesOptions & { failedRuns: number }): SeriesMetric {
  return series({ ...options, samples: [] })
}

/** Wraps series in an analysis. */
export function analysis(seriesList: SeriesMetric[], failures: FailedRunGroup[] = []): Analysis {
  return {
    inventory: {
      totalFiles: seriesList.length,
      byType: {},
      byFolder: {},
      parsedFiles: seriesList.length,
      skipped: [],
      history: 'filesystem',
      proseFiles: 0
    },
    series: seriesList,
    failures,
    warnings: [],
    percentileMethod: 'linear interpolation (numpy default, R type 7)'
  }
}

/** Gate settings with the action's defaults, overridden by `overrides`. */
export function gateSettings(overrides: Partial<GateSettings> = {}): GateSettings {
  return {
    baselineRef: null,
    baselinePath: null,
    maxRegression: 0.1,
    minAbsoluteChangeMs: 0,
    statistic: 'median',
    alpha: 0.05,
    thresholds: null,
    failOn: ['regression', 'failed'],
    gateMetrics: [],
    keepColdStarts: false,
    ...overrides
  }
}
