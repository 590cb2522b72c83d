/**
 * Types of the compare stage: how each head series relates to its base-branch
 * counterpart, and the gate verdict. The verdict never depends on the narrative.
 */
import type { Direction, MetricDescriptor } from '../analyze/types.js'

/**
 * State of one compared series and metric. `not-comparable` means the metric's
 * definition changed between the sides. `no-data` means the head run has no valid
 * samples and no failed rows, whether or not the base has data.
 */
export const COMPARISON_STATES = [
  'regression',
  'improvement',
  'unchanged',
  'inconclusive',
  'new',
  'removed',
  'failed',
  'no-baseline',
  'not-comparable',
  'no-data'
] as const
export type ComparisonState = (typeof COMPARISON_STATES)[number]

/** Statistic the gate compares. */
export type GateStatistic = 'median' | 'mean' | 'p90' | 'p95' | 'p99'

/** Source of the baseline, for the report. */
export interface BaselineSource {
  kind: 'git' | 'path' | 'none'
  /** Commit SHA, ref or folder. */
  ref: string | null
  /** Full SHA of the base commit when the baseline comes from git. */
  commit?: string
  /** Reason there is no baseline, when `kind` is `none`. */
  reason: string | null
}

/** One statistic compared between base and head. */
export interface StatisticChange {
  statistic: GateStatistic
  base: number
  head: number
  /** (head - base) / base, as a fraction (0.1 is +10 %); null when base is 0. */
  change: number | null
  /** Two-sided Mann–Whitney U p-value, or null when no test was possible. */
  pValue: number | null
  /** Reason no test was run, such as "fewer than 5 samples" or "pre-aggregated values". */
  noTestReason: string | null
  threshold: number
  /** Absolute floor in the metric's unit below which a change is noise. */
  absoluteFloor: number
  /**
   * True when the change passes the threshold and the absolute floor. A change in the
   * worse direction must exceed the threshold; one in the better direction may equal it.
   */
  exceedsThreshold: boolean
}

/** Comparison of one series and metric. */
export interface SeriesComparison {
  benchmark: string
  /** Location inside the file, as in `SeriesMetric.location` ('' for a CSV). */
  location?: string
  seriesKey: string
  metric: MetricDescriptor
  direction: Direction
  state: ComparisonState
  /** Head and base file paths (they differ for timestamped runs). */
  headPath: string | null
  basePath: string | null
  headRun: string | null
  baseRun: string | null
  headN: number
  baseN: number
  /** Gate statistic first, then p95 when gated. Empty for new, removed and failed series. */
  changes: StatisticChange[]
  /** True when this metric is gated (latency by default, others through `gate-metrics`). */
  gated: boolean
  /** True when this entry fails the job, per `fail-on` and the "only what the PR changed" rule. */
  failsJob: boolean
  /** Plain-language reasons: cold starts left out, base run fell back to an older one, units converted… */
  notes: string[]
  /** 1-based line in the head file, for annotations; 0 when the series is not in the head. */
  line: number
}

/** Run-to-run variation of one benchmark's gate statistic across base runs. */
export interface NoiseEstimate {
  benchmark: string
  /** Location inside the file, as in `SeriesMetric.location`. */
  location?: string
  seriesKey: string
  metric: string
  runs: number
  /** Coefficient of variation of the gate statistic across runs, as a fraction. */
  variation: number
  /** True when the threshold is smaller than twice the variation. */
  thresholdTooTight: boolean
}

export interface GateSettingsSummary {
  statistic: GateStatistic
  threshold: number
  absoluteFloorMs: number
  alpha: number
  failOn: ComparisonState[]
  gateMetrics: string[]
  keepColdStarts: boolean
}

export interface Comparison {
  baseline: BaselineSource
  entries: SeriesComparison[]
  counts: Record<ComparisonState, number>
  noise: NoiseEstimate[]
  /** True when any entry fails the job. */
  failed: boolean
  /** One-line message for `core.setFailed`, naming the count and the worst regressions; null when passing. */
  failureMessage: string | null
  settings: GateSettingsSummary
}
