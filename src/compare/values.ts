/**
 * Compares the values of one series: the gate statistic (and p95 with enough
 * samples) with the threshold, the absolute floor and the Mann–Whitney U test.
 */
import type { MetricDescriptor, SeriesMetric } from '../analyze/types.js'
import { formatChange, formatPValue, formatWithUnit } from '../format.js'
import type { GateSettings } from '../settings/index.js'
import { GATE_STATISTICS } from '../settings/index.js'
import { formatPercent, type SeriesGate } from './gate.js'
import { mannWhitneyU } from './mannwhitney.js'
import { percentileOfSorted } from '../analyze/statistics.js'
import { computeStatistic, mean, MIN_SAMPLES_FOR_STATISTIC, withoutIndex } from './statistics.js'
import type { GateStatistic, SeriesComparison, StatisticChange } from './types.js'

/** Minimum samples on each side for the Mann–Whitney U test; below it the threshold alone decides. */
export const MIN_SAMPLES_FOR_TEST = 5

/** Both sides need this many samples before p95 is gated besides the gate statistic. */
export const MIN_SAMPLES_FOR_P95_GATE = MIN_SAMPLES_FOR_STATISTIC.p95

/** Absorbs rounding in (head - base) / base, so that 200 → 220 is exactly at a 10 % threshold. */
const TOLERANCE = 1e-9

/** A statistic's change with its verdict, before the verdicts are combined. */
interface Verdict {
  change: StatisticChange
  state: 'regression' | 'improvement' | 'unchanged' | 'inconclusive'
}

/** Compares two runs with data and sets the entry's state, changes and sample counts. */
export function compareValues(entry: SeriesComparison, head: SeriesMetric, base: SeriesMetric, gate: SeriesGate, settings: Readonly<GateSettings>): void {
  const unit = head.metric.unit
  if (head.metric.sourceUnit !== base.metric.sourceUnit) {
    const describeUnit = (value: string | null): string => value ?? 'none given'
    entry.notes.push(`source units differ (base ${describeUnit(base.metric.sourceUnit)}, head ${describeUnit(head.metric.sourceUnit)}); both compared in ${unit || 'the same unit'}`)
  }
  addFailedRowsNote(entry, base, 'base')
  addFailedRowsNote(entry, head, 'head')

  const aggregate = head.metric.aggregate
  const baseSide = gateSide(base, 'base', settings.keepColdStarts, entry.notes)
  const headSide = gateSide(head, 'head', settings.keepColdStarts, entry.notes)
  entry.baseN = baseSide.n
  entry.headN = headSide.n

  let pValue: number | null = null
  let noTestReason: string | null = null
  if (aggregate !== null) {
    noTestReason = `pre-aggregated values (${aggregate}), so no significance test`
    entry.notes.push(`the values are pre-aggregated (${aggregate}) and compared as given`)
  } else if (Math.min(headSide.n, baseSide.n) < MIN_SAMPLES_FOR_TEST) {
    noTestReason = `fewer than ${MIN_SAMPLES_FOR_TEST} samples on a side (head ${headSide.n}, base ${baseSide.n}), so the threshold alone decides`
  } else {
    pValue = mannWhitneyU(headSide.samples, baseSide.samples).pValue
  }

  const statistics: GateStatistic[] = [gate.statistic]
  const enoughForP95 = Math.min(headSide.n, baseSide.n) >= MIN_SAMPLES_FOR_P95_GATE
  if (aggregate === null && gate.statistic !== 'p95' && enoughForP95) statistics.push('p95')

  // A statistic below its sample minimum is left out of `changes` entirely, so no report, note or message shows its value.
  const judged = statistics.filter(statistic => hasEnoughSamples(statistic, aggregate, headSide.n, baseSide.n, entry.notes))
  if (judged.length === 0) {
    entry.changes = []
    entry.state = 'inconclusive'
    return
  }
  if (aggregate === null && judged.includes('mean')) {
    addMeanOutlierNote(baseSide, 'base', unit, gate.threshold, entry.notes)
    addMeanOutlierNote(headSide, 'head', unit, gate.threshold, entry.notes)
  }

  const verdicts = judged.map(statistic =>
    judgeStatistic({ statistic, headSide, baseSide, aggregate, unit, gate, pValue, noTestReason, alpha: settings.alpha, notes: entry.notes })
  )
  entry.changes = verdicts.map(verdict => verdict.change)
  entry.state = combineVerdicts(verdicts)
}

/**
 * Checks that both sides have the statistic's minimum sample count, and notes the
 * statistic as not judged when they do not. Pre-aggregated values are reported
 * statistics, not samples, so no minimum applies to them.
 */
function hasEnoughSamples(statistic: GateStatistic, aggregate: MetricDescriptor['aggregate'], headN: number, baseN: number, notes: string[]): boolean {
  const minimum = MIN_SAMPLES_FOR_STATISTIC[statistic]
  if (aggregate !== null || Math.min(headN, baseN) >= minimum) return true
  notes.push(`${statistic} not judged: needs at least ${minimum} samples on each side (head ${headN}, base ${baseN})`)
  return false
}

/** A far-out outlier lies more than this many interquartile ranges beyond the nearer quartile (a box plot's outer fence). */
const FAR_OUT_IQR_FACTOR = 3

/** Minimum number of samples for quartiles, and so an outlier, to mean anything. */
const MIN_SAMPLES_FOR_OUTLIER = 4

/**
 * Notes the max or min of one side when it is a far-out outlier and leaving it out
 * moves that side's mean by more than the threshold. The note shows a reader that
 * one sample drives the change of the mean.
 */
function addMeanOutlierNote(side: GateSide, name: 'head' | 'base', unit: string, threshold: number, notes: string[]): void {
  // A truncated side holds only the first samples, so its extremes are not the series' extremes.
  if (side.truncated || side.samples.length < MIN_SAMPLES_FOR_OUTLIER) return
  const sorted = Float64Array.from(side.samples).sort()
  const n = sorted.length
  const lowerQuartile = percentileOfSorted(sorted, 0.25)
  const upperQuartile = percentileOfSorted(sorted, 0.75)
  const spread = upperQuartile - lowerQuartile
  const median = percentileOfSorted(sorted, 0.5)
  const fullMean = mean(sorted)

  const extremes = [
    { label: 'max', value: sorted[n - 1], far: sorted[n - 1] > upperQuartile + FAR_OUT_IQR_FACTOR * spread, relation: 'above' },
    { label: 'min', value: sorted[0], far: sorted[0] < lowerQuartile - FAR_OUT_IQR_FACTOR * spread, relation: 'below' }
  ]
  for (const extreme of extremes) {
    if (!extreme.far) continue
    const meanWithout = (fullMean * n - extreme.value) / (n - 1)
    if (meanWithout === 0 || Math.abs(fullMean - meanWithout) / Math.abs(meanWithout) <= threshold) continue
    notes.push(
      `${name} ${extreme.label} ${formatWithUnit(extreme.value, unit)} is far ${extreme.relation} its median ${formatWithUnit(median, unit)}; ` +
        `the mean is sensitive to it (${formatWithUnit(fullMean, unit)} with it, ${formatWithUnit(meanWithout, unit)} without it)`
    )
  }
}

/** Any regression makes the entry a regression, then any inconclusive statistic; else the gate statistic decides. */
function combineVerdicts(verdicts: Verdict[]): Verdict['state'] {
  if (verdicts.some(verdict => verdict.state === 'regression')) return 'regression'
  if (verdicts.some(verdict => verdict.state === 'inconclusive')) return 'inconclusive'
  return verdicts[0].state
}

/** One side of a comparison: the samples the gate tests, and how many the series has. */
interface GateSide {
  series: SeriesMetric
  samples: Float64Array
  n: number
  /** True when analyze kept only part of the samples, so its statistics are the ones to use. */
  truncated: boolean
}

function gateSide(series: SeriesMetric, side: 'head' | 'base', keepColdStarts: boolean, notes: string[]): GateSide {
  const samples = gateSamples(series, side, keepColdStarts, notes)
  const stats = series.stats
  if (stats === null || stats.n <= series.samples.length) return { series, samples, n: samples.length, truncated: false }
  notes.push(`the ${side} run has ${stats.n} samples, more than analyze keeps; its statistics come from analyze's quantile sketch, and the test uses a seeded random sample of ${samples.length}`)
  return { series, samples, n: stats.n, truncated: true }
}

/** Computes the statistic from the gate's samples, or takes analyze's when it kept only part of them. */
function statisticOf(side: GateSide, statistic: GateStatistic): number {
  if (side.truncated && side.series.stats !== null) return side.series.stats[statistic === 'median' ? 'p50' : statistic]
  return computeStatistic(side.samples, statistic)
}

/** Samples for the gate: without the flagged cold start unless `keep-cold-starts` is on. */
function gateSamples(series: SeriesMetric, side: 'head' | 'base', keepColdStarts: boolean, notes: string[]): Float64Array {
  const index = series.coldStartIndex
  if (index !== null && series.metric.aggregate === null && index < series.samples.length) {
    const value = formatWithUnit(series.samples[index], series.metric.unit)
    notes.push(
      keepColdStarts
        ? `${side} sample ${index + 1} (${value}) looks like a cold start and is kept, because keep-cold-starts is on`
        : `${side} sample ${index + 1} (${value}) is a likely cold start and is left out of the gate`
    )
  }
  return samplesForGate(series, keepColdStarts)
}

/** Samples the gate uses: without the flagged cold start, unless it is kept or the values are pre-aggregated. */
export function samplesForGate(series: SeriesMetric, keepColdStarts: boolean): Float64Array {
  const index = series.coldStartIndex
  if (keepColdStarts || index === null || series.metric.aggregate !== null) return series.samples
  return withoutIndex(series.samples, index)
}

interface JudgeInput {
  statistic: GateStatistic
  headSide: GateSide
  baseSide: GateSide
  aggregate: MetricDescriptor['aggregate']
  unit: string
  gate: SeriesGate
  pValue: number | null
  noTestReason: string | null
  alpha: number
  notes: string[]
}

function judgeStatistic(input: JudgeInput): Verdict {
  const { statistic, headSide, baseSide, aggregate, unit, gate, pValue, alpha, notes } = input
  const base = statisticOf(baseSide, statistic)
  const head = statisticOf(headSide, statistic)
  const change = base === 0 ? null : (head - base) / base
  const difference = Math.abs(head - base)
  let worse = false
  if (gate.direction === 'lower-is-better') worse = head > base
  if (gate.direction === 'higher-is-better') worse = head < base
  const magnitude = change === null ? 0 : Math.abs(change)
  const pastThreshold = change !== null && head !== base && (worse ? magnitude > gate.threshold + TOLERANCE : magnitude >= gate.threshold - TOLERANCE)
  const aboveFloor = difference >= gate.absoluteFloor
  const label = statisticLabel(statistic, aggregate, headSide.n, baseSide.n)

  const result: StatisticChange = {
    statistic: label,
    base,
    head,
    change,
    pValue,
    noTestReason: input.noTestReason,
    threshold: gate.threshold,
    absoluteFloor: gate.absoluteFloor,
    exceedsThreshold: pastThreshold && aboveFloor
  }
  const verdict = (state: Verdict['state']): Verdict => ({ change: result, state })

  if (change === null) {
    if (head === base) return verdict('unchanged')
    notes.push(`the base ${label} is 0, so the relative change is undefined and not judged`)
    return verdict('inconclusive')
  }
  if (!pastThreshold) return verdict('unchanged')
  if (!aboveFloor) {
    notes.push(`the ${label} changed by ${formatWithUnit(difference, unit)}, below the absolute floor of ${formatWithUnit(gate.absoluteFloor, unit)}, so it counts as noise`)
    return verdict('unchanged')
  }

  if (gate.direction === 'neutral') {
    notes.push(`no better direction is known for this metric, so the ${label} change of ${formatChange(change)} is reported without a verdict`)
    return verdict('inconclusive')
  }
  if (pValue !== null && !(pValue < alpha)) {
    notes.push(
      `the ${label} change of ${formatChange(change)} passes the ${formatPercent(gate.threshold)} threshold, but the Mann–Whitney U test does not find it significant (p = ${formatPValue(pValue)}, alpha ${alpha})`
    )
    return verdict('inconclusive')
  }
  return verdict(worse ? 'regression' : 'improvement')
}

/** Labels a single pre-aggregated value per side as its aggregate (such as `mean`), when that is a gate statistic. */
function statisticLabel(statistic: GateStatistic, aggregate: MetricDescriptor['aggregate'], headN: number, baseN: number): GateStatistic {
  if (aggregate === null || headN !== 1 || baseN !== 1) return statistic
  const match = GATE_STATISTICS.find(choice => choice === aggregate)
  return match ?? statistic
}

/** Notes failed rows left out of a run that still has data. */
export function addFailedRowsNote(entry: SeriesComparison, series: SeriesMetric, side: 'head' | 'base'): void {
  if (series.failedRuns > 0 && series.stats !== null) {
    entry.notes.push(`${series.failedRuns} failed ${series.failedRuns === 1 ? 'row' : 'rows'} left out of the ${side} run`)
  }
}
