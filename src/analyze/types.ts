/**
 * Types of the analyze stage: recognised metrics, per-series statistics, failed
 * runs and the artifact inventory. Every number here is computed from the files.
 */
import type { ParseWarning, SkippedFile } from '../collect/types.js'

/** What a metric measures; decides its direction and how its unit is read. */
export type MetricKind = 'latency' | 'throughput' | 'count' | 'size' | 'ratio' | 'other'

/** Better direction of a metric. `neutral` metrics are reported, never gated. */
export type Direction = 'lower-is-better' | 'higher-is-better' | 'neutral'

/**
 * A statistic that the artifact already aggregated (`mean_time_ms`, `p95_ms`,
 * `mean_tokens_s`): shown as that statistic, never treated as raw samples.
 * `percentile` is any other percentile, such as `p05`, which the metric name gives.
 */
export type AggregateKind = 'mean' | 'median' | 'p90' | 'p95' | 'p99' | 'min' | 'max' | 'std' | 'total' | 'percentile'

/** A column or field recognised as a metric. */
export interface MetricDescriptor {
  /** Name as written in the file, such as `ttft_s` or `Generation Time (ms)`. */
  name: string
  kind: MetricKind
  direction: Direction
  /**
   * Display unit. Latency is normalised to `ms`; throughput keeps its rate unit
   * (`tokens/s`, `req/s`); counts have `''`.
   */
  unit: string
  /** Unit as found in the name, units row or `unit` field, before normalisation; null when none was found. */
  sourceUnit: string | null
  /** Set when the values are an aggregate computed by whoever wrote the artifact. */
  aggregate: AggregateKind | null
}

/** Descriptive statistics of one series and metric, in the descriptor's display unit. */
export interface SummaryStatistics {
  n: number
  mean: number
  /** Sample standard deviation (n - 1 in the denominator); null when n < 2. */
  stddev: number | null
  min: number
  max: number
  /** Percentiles by linear interpolation between closest ranks (numpy's default, R type 7). */
  p50: number
  p90: number
  p95: number
  p99: number
}

/** A data-quality flag on one series and metric. */
export interface SeriesFlag {
  code:
    | 'low-sample-percentiles'
    | 'cold-start'
    | 'non-finite-dropped'
    | 'unknown-unit'
    | 'pre-aggregated'
    | 'sample-limit'
    /** The column mixes number formats or has values that read two ways, so the series has no statistics. */
    | 'invalid-values'
    /** Latency values of exactly 0 in rows whose timed phase has no data (`compilation: null`), left out. */
    | 'not-applicable'
    /** Latency values of exactly 0 that were kept: most often a duration that was never measured. */
    | 'zero-latency'
  message: string
}

/** One series and metric: the unit of reporting and of comparison. */
export interface SeriesMetric {
  /** Workspace-relative file path. */
  path: string
  /** Location inside the file, as in `ParsedTable.location`. */
  location: string
  /**
   * Benchmark identity with run stamps normalised, such as `reports/ollama/{run}/gemma3_benchmark_runs.csv`.
   * Files with the same benchmark id are runs of one benchmark.
   */
  benchmark: string
  /** Run stamp taken from the path or content (ISO 8601, UTC), or null when the file is not one of several runs. */
  runStamp: string | null
  /** Identifying labels, such as `{ model: 'gemma3:latest', num_ctx: '2048' }`; empty for a single-series table. */
  labels: Record<string, string>
  /** Stable key of `labels`, `''` when there are none: `model=gemma3:latest, num_ctx=2048`. */
  seriesKey: string
  metric: MetricDescriptor
  /** Statistics of the valid samples; null when there are none (the series has no data). */
  stats: SummaryStatistics | null
  /** Valid samples in file order, in the display unit. Not written to the metrics JSON. */
  samples: Float64Array
  /** Index in `samples` of a likely cold start (a first sample far above the rest), or null. */
  coldStartIndex: number | null
  /** Samples dropped because they were NaN or infinite. */
  droppedNonFinite: number
  /** Rows of failed runs left out of this series. */
  failedRuns: number
  flags: SeriesFlag[]
  /** 1-based line of the first row that contributed, for annotations. */
  line: number
}

/** Failed runs of one table and series: rows with a non-empty error or `success: false`. */
export interface FailedRunGroup {
  path: string
  location: string
  seriesKey: string
  failed: number
  total: number
  /** Most common error message, trimmed, and how many rows had it. */
  topError: string
  topErrorCount: number
  line: number
}

/** A data problem worth a line in the report (and an annotation when it has a line). */
export interface DataWarning extends ParseWarning {
  /**
   * Kind of problem: `collect` and `parse` (passed on from the collect stage), `invalid-value`,
   * `invalid-number-format`, `unknown-unit`, `unknown-direction`, `max-series` and
   * `timestamp-without-offset`.
   */
  code: string
}

export interface InventoryGroup {
  files: number
  /** Newest modification time among these files, ISO 8601, or null when unknown. */
  newest: string | null
  /**
   * Source of `newest`: `git` for the last commit that touched a file, `filesystem` for a
   * file's mtime, which a checkout sets and so is no history. Null when `newest` is null.
   */
  newestSource?: 'git' | 'filesystem' | null
}

/** Counts of the artifact files found, per type and per top-level folder. */
export interface Inventory {
  totalFiles: number
  byType: Record<string, InventoryGroup>
  byFolder: Record<string, InventoryGroup>
  parsedFiles: number
  skipped: SkippedFile[]
  history: 'git' | 'shallow-git' | 'filesystem'
  /** Markdown files read only as prose (no tables). */
  proseFiles: number
}

/** Everything the analyze stage computed for one tree (the head, or the base). */
export interface Analysis {
  inventory: Inventory
  series: SeriesMetric[]
  failures: FailedRunGroup[]
  warnings: DataWarning[]
  /** Name of the percentile method, printed in the report footer. */
  percentileMethod: string
}
