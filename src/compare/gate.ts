/**
 * Gate settings of one series: the action's inputs after the threshold rules, and
 * whether the metric is gated at all.
 */
import type { Direction, FailedRunGroup, MetricDescriptor, MetricKind, SeriesMetric } from '../analyze/types.js'
import { formatWithUnit } from '../format.js'
import type { GateSettings } from '../settings/index.js'
import { matchesName, resolveOverrides, type ThresholdRule } from './thresholds.js'
import type { GateStatistic } from './types.js'

const METRIC_KINDS: readonly MetricKind[] = ['latency', 'throughput', 'count', 'size', 'ratio', 'other']

/** Inputs shared by every series decision: gate settings, threshold rules and whether there is a baseline. */
export interface DecisionContext {
  settings: Readonly<GateSettings>
  rules: readonly ThresholdRule[]
  /** False when there is no baseline at all; then nothing fails the job. */
  hasBaseline: boolean
  /** Failed-run groups of the head, for the notes of failed series. */
  headFailures: readonly FailedRunGroup[]
}

/** Gate settings of one series after the threshold rules. */
export interface SeriesGate {
  statistic: GateStatistic
  threshold: number
  absoluteFloor: number
  direction: Direction
  /** True when a threshold rule set the direction, so a direction that differs between the sides is no definition change. */
  directionFromRule: boolean
  ignored: boolean
  gated: boolean
  /** Notes on the rules that applied. */
  notes: string[]
}

/** Resolves the threshold rules and the `gate-metrics` input for one series. */
export function resolveGate(series: SeriesMetric, paths: string[], context: DecisionContext): SeriesGate {
  const { settings } = context
  const metric = series.metric
  const overrides = resolveOverrides(context.rules, { benchmark: series.benchmark, paths, seriesKey: series.seriesKey, metric: metric.name })
  const notes: string[] = []

  const statistic = overrides.statistic?.value ?? settings.statistic
  if (overrides.statistic !== undefined) notes.push(`gate statistic ${statistic} from thresholds rule ${overrides.statistic.rule}`)
  const threshold = overrides.threshold?.value ?? settings.maxRegression
  if (overrides.threshold !== undefined) notes.push(`threshold ${formatPercent(threshold)} from thresholds rule ${overrides.threshold.rule}`)
  const absoluteFloor = overrides.minAbsoluteChange?.value ?? (metric.kind === 'latency' ? settings.minAbsoluteChangeMs : 0)
  if (overrides.minAbsoluteChange !== undefined) {
    notes.push(`absolute floor ${formatWithUnit(absoluteFloor, metric.unit)} from thresholds rule ${overrides.minAbsoluteChange.rule}`)
  }
  const direction = overrides.direction?.value ?? metric.direction
  if (overrides.direction !== undefined) notes.push(`direction ${direction} from thresholds rule ${overrides.direction.rule}`)
  const ignored = overrides.ignore?.value === true
  if (overrides.ignore !== undefined && ignored) notes.push(`ignored by thresholds rule ${overrides.ignore.rule}: reported, never gated`)

  const gated = !ignored && direction !== 'neutral' && (metric.kind === 'latency' || isNamedInGateMetrics(metric, settings.gateMetrics))
  return { statistic, threshold, absoluteFloor, direction, directionFromRule: overrides.direction !== undefined, ignored, gated, notes }
}

/** True when `gate-metrics` names the metric's kind (`throughput`) or matches its name by glob. */
function isNamedInGateMetrics(metric: MetricDescriptor, gateMetrics: readonly string[]): boolean {
  return gateMetrics.some(entry => {
    const word = entry.toLowerCase()
    if ((METRIC_KINDS as readonly string[]).includes(word)) return metric.kind === word
    return matchesName(entry, metric.name)
  })
}

/** Formats a threshold given as a fraction: 0.1 is `10 %`, 0.125 is `12.5 %`. */
export function formatPercent(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(6))} %`
}
