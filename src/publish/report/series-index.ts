/**
 * Links each head series to its comparison entry, gives every series an id for
 * counting what a size-limited report left out, and defines the orders the
 * report lists series in. Every order ends in a comparison of plain strings, so
 * the same input always gives the same output.
 */
import type { SeriesMetric } from '../../analyze/types.js'
import type { ComparisonState, SeriesComparison } from '../../compare/types.js'
import type { ReportModel } from '../index.js'

/**
 * Comparison state of a series, or `not-compared` for a head series without an
 * entry: an older run of a timestamped benchmark, whose newest run is the one compared.
 */
export type SeriesState = ComparisonState | 'not-compared'

export interface IndexedSeries {
  id: string
  series: SeriesMetric
  entry: SeriesComparison | null
  state: SeriesState
}

export interface ReportIndex {
  /** True when there was no baseline, so the comparison was skipped. */
  noBaseline: boolean
  /** Head series in the analysis order. */
  series: IndexedSeries[]
  /** Ids of the series that one comparison entry stands for. */
  entryIds: Map<SeriesComparison, string[]>
  /** Number of head series without a comparison entry: older runs of timestamped benchmarks. */
  olderRuns: number
}

/**
 * Id under which a row of the comparison tables shows the series `id`. It differs
 * from the statistics row's id, so the note of what was left out counts the
 * comparison rows that the folded tables count.
 */
export function comparisonRowId(id: string): string {
  return `comparison\u0000${id}`
}

/**
 * Builds the index for one report model. The publish stage builds it once and
 * hands it to the report, the comment and metrics.json, because with 100,000
 * series its maps take a noticeable share of the run.
 */
export function indexReport(model: ReportModel): ReportIndex {
  const noBaseline = model.comparison.baseline.kind === 'none'
  // By head path, then series key: nested maps of the strings the entries already hold
  // cost a fifth of one map keyed by a string joined per entry.
  const entriesByHead = new Map<string, Map<string, SeriesComparison[]>>()
  for (const entry of model.comparison.entries) {
    if (entry.headPath === null) continue
    let bySeriesKey = entriesByHead.get(entry.headPath)
    if (bySeriesKey === undefined) {
      bySeriesKey = new Map()
      entriesByHead.set(entry.headPath, bySeriesKey)
    }
    const entries = bySeriesKey.get(entry.seriesKey)
    if (entries === undefined) bySeriesKey.set(entry.seriesKey, [entry])
    else entries.push(entry)
  }

  const entryIds = new Map<SeriesComparison, string[]>()
  const series = model.head.series.map((item): IndexedSeries => {
    const id = seriesId(item)
    const sameSeries = entriesByHead.get(item.path)?.get(item.seriesKey) ?? []
    const candidates = sameSeries.filter(candidate => candidate.metric.name === item.metric.name)
    // An entry without a location matches the series at any location of its file.
    const entry = candidates.find(candidate => candidate.location === item.location) ?? candidates.find(candidate => candidate.location === undefined) ?? null
    if (entry !== null) {
      const ids = entryIds.get(entry)
      if (ids === undefined) entryIds.set(entry, [id])
      else ids.push(id)
    }
    return { id, series: item, entry, state: entry === null ? 'not-compared' : entry.state }
  })

  for (const entry of model.comparison.entries) {
    if (entryIds.has(entry)) continue
    // A removed series, or an entry whose head series is missing from the analysis: count it under its own id.
    const id = `entry\u0000${entry.benchmark}\u0000${entry.basePath ?? ''}\u0000${entry.location ?? ''}\u0000${entry.seriesKey}\u0000${entry.metric.name}`
    entryIds.set(entry, [id])
  }

  const olderRuns = series.filter(item => item.entry === null).length
  return { noBaseline, series, entryIds, olderRuns }
}

/** Stable id of a head series and metric. */
export function seriesId(series: SeriesMetric): string {
  // A joined string is one flat string, where a template literal leaves a tree of parts
  // that took 70 % more memory, which shows with 100,000 series.
  return ['head', series.path, series.location, series.seriesKey, series.metric.name].join('\u0000')
}

/** Compares strings by UTF-16 code units, which unlike `localeCompare` does not depend on the runtime's locale data. */
export function compareText(a: string, b: string): number {
  if (a < b) return -1
  if (a > b) return 1
  return 0
}

/** Relative change of the entry's first (gate) statistic, or null when there is none. */
export function gateChange(entry: SeriesComparison): number | null {
  const change = entry.changes[0]?.change
  return change === undefined || change === null || !Number.isFinite(change) ? null : change
}

/** Orders comparison entries: failing the job first, then the largest change, then by name. */
export function compareEntries(a: SeriesComparison, b: SeriesComparison): number {
  if (a.failsJob !== b.failsJob) return a.failsJob ? -1 : 1
  const changeA = gateChange(a)
  const changeB = gateChange(b)
  if (changeA !== changeB) {
    if (changeA === null) return 1
    if (changeB === null) return -1
    const bySize = Math.abs(changeB) - Math.abs(changeA)
    if (bySize !== 0) return bySize
  }
  return compareText(a.benchmark, b.benchmark) || compareText(a.seriesKey, b.seriesKey) || compareText(a.metric.name, b.metric.name)
}

const STATE_RANK: Record<SeriesState, number> = {
  regression: 0,
  failed: 1,
  improvement: 1,
  inconclusive: 1,
  'not-comparable': 2,
  new: 3,
  'no-baseline': 3,
  removed: 3,
  unchanged: 4,
  'no-data': 4,
  'not-compared': 4
}

/**
 * Orders head series by relevance: regressions, then other changes, then latency
 * and throughput before other metrics, then the larger change, then the larger n.
 */
export function compareSeriesRelevance(a: IndexedSeries, b: IndexedSeries): number {
  const byState = STATE_RANK[a.state] - STATE_RANK[b.state]
  if (byState !== 0) return byState
  const byKind = kindRank(a.series) - kindRank(b.series)
  if (byKind !== 0) return byKind
  const changeA = a.entry === null ? null : gateChange(a.entry)
  const changeB = b.entry === null ? null : gateChange(b.entry)
  if (changeA !== null && changeB !== null && Math.abs(changeA) !== Math.abs(changeB)) return Math.abs(changeB) - Math.abs(changeA)
  const byN = (b.series.stats?.n ?? 0) - (a.series.stats?.n ?? 0)
  if (byN !== 0) return byN
  return compareText(a.series.seriesKey, b.series.seriesKey) || compareText(a.series.metric.name, b.series.metric.name)
}

function kindRank(series: SeriesMetric): number {
  return series.metric.kind === 'latency' || series.metric.kind === 'throughput' ? 0 : 1
}

/** True when a series counts as changed, so a shortened report keeps it. */
export function isChanged(state: SeriesState): boolean {
  return STATE_RANK[state] <= 3
}
