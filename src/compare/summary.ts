/**
 * The verdict in numbers and words: counts per state, and the one-line failure
 * message for `core.setFailed`.
 */
import { formatChange, formatWithUnit } from '../format.js'
import { COMPARISON_STATES, type ComparisonState, type SeriesComparison, type StatisticChange } from './types.js'

/** Most entries named per state in the failure message; the rest are counted. */
const MAX_NAMED = 3

/** Counts the entries per state; every state is present. */
export function countStates(entries: readonly SeriesComparison[]): Record<ComparisonState, number> {
  const counts = Object.fromEntries(COMPARISON_STATES.map(state => [state, 0])) as Record<ComparisonState, number>
  for (const entry of entries) counts[entry.state]++
  return counts
}

/**
 * Counts the distinct series (file, location and series key) with a `failed` entry.
 * A failed run fails every metric of its series, so this count is smaller than the
 * `failed` state count, which counts one entry per metric.
 */
export function countFailedSeries(entries: readonly SeriesComparison[]): number {
  return uniqueSeries(entries.filter(entry => entry.state === 'failed')).length
}

/**
 * Builds one line naming the count and the worst entries that fail the job, such as
 * "2 latency regressions: reports/x.csv chat latency_ms median 200 ms → 260 ms (+30.0 %), …".
 * Returns null when nothing fails.
 */
export function buildFailureMessage(entries: readonly SeriesComparison[]): string | null {
  const failing = entries.filter(entry => entry.failsJob)
  if (failing.length === 0) return null

  const parts: string[] = []
  const regressions = failing.filter(entry => entry.state === 'regression')
  if (regressions.length > 0) parts.push(describeRegressions(regressions))

  const failed = uniqueSeries(failing.filter(entry => entry.state === 'failed'))
  if (failed.length > 0) {
    parts.push(`${failed.length} failed series (every run failed): ${nameSome(failed.map(seriesLabel))}`)
  }

  for (const state of COMPARISON_STATES) {
    if (state === 'regression' || state === 'failed') continue
    const matching = failing.filter(entry => entry.state === state)
    if (matching.length > 0) parts.push(`${matching.length} ${state} ${plural(matching.length, 'series', 'series')}: ${nameSome(matching.map(metricLabel))}`)
  }
  return parts.join('; ')
}

function describeRegressions(regressions: SeriesComparison[]): string {
  const ranked = regressions.map(entry => ({ entry, change: worstChange(entry) })).sort((a, b) => badness(b.entry, b.change) - badness(a.entry, a.change))
  const kinds = new Set(regressions.map(entry => entry.metric.kind))
  const kind = kinds.size === 1 ? `${regressions[0].metric.kind} ` : ''
  const items = ranked.map(({ entry, change }) => {
    if (change === null) return metricLabel(entry)
    const unit = entry.metric.unit
    return `${metricLabel(entry)} ${change.statistic} ${formatWithUnit(change.base, unit)} → ${formatWithUnit(change.head, unit)} (${formatChange(change.change)})`
  })
  return `${regressions.length} ${kind}${plural(regressions.length, 'regression')}: ${nameSome(items)}`
}

/** Returns the change that made the entry a regression: the worst one that passes the threshold. */
function worstChange(entry: SeriesComparison): StatisticChange | null {
  const candidates = entry.changes.filter(change => change.exceedsThreshold)
  const pool = candidates.length > 0 ? candidates : entry.changes
  if (pool.length === 0) return null
  return pool.reduce((worst, change) => (badness(entry, change) > badness(entry, worst) ? change : worst))
}

/** Relative change in the worse direction; larger is worse. */
function badness(entry: SeriesComparison, change: StatisticChange | null): number {
  if (change === null || change.change === null) return Number.NEGATIVE_INFINITY
  return entry.direction === 'higher-is-better' ? -change.change : change.change
}

function uniqueSeries(entries: readonly SeriesComparison[]): SeriesComparison[] {
  const seen = new Set<string>()
  return entries.filter(entry => {
    const key = JSON.stringify([entry.headPath ?? entry.benchmark, entry.location ?? '', entry.seriesKey])
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** File, location and series key; a key with commas is bracketed so that it reads as one item in a list. */
function seriesLabel(entry: SeriesComparison): string {
  const parts = [entry.headPath ?? entry.basePath ?? entry.benchmark]
  if (entry.location) parts.push(entry.location)
  if (entry.seriesKey !== '') parts.push(entry.seriesKey.includes(',') ? `(${entry.seriesKey})` : entry.seriesKey)
  return parts.join(' ')
}

function metricLabel(entry: SeriesComparison): string {
  return `${seriesLabel(entry)} ${entry.metric.name}`
}

function nameSome(items: string[]): string {
  const named = items.slice(0, MAX_NAMED).join(', ')
  return items.length > MAX_NAMED ? `${named}, and ${items.length - MAX_NAMED} more` : named
}

function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return count === 1 ? singular : pluralForm
}
