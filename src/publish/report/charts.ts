/**
 * Chooses the series worth a chart: the changed ones (regressions first, then
 * the largest changes), base against head of the gate statistic, one chart per
 * statistic and unit. The change tables above the charts hold the same numbers.
 */
import type { SeriesComparison } from '../../compare/types.js'
import type { ReportModel } from '../index.js'
import { renderComparisonChart, type ChartBar } from '../mermaid.js'
import type { Block } from './layout.js'
import { compareEntries } from './series-index.js'
import { lowSampleNote } from './statistics.js'

/** Maximum number of series in one chart, because more make the labels unreadable. */
export const MAX_BARS_PER_CHART = 8
/** Maximum number of charts in one report. */
export const MAX_CHARTS = 2

const CHARTED_STATES = new Set(['regression', 'improvement', 'inconclusive'])

/** Builds up to `MAX_CHARTS` chart blocks, or none when no series changed. */
export function chartBlocks(model: ReportModel, priority: number): Block[] {
  const groups = new Map<string, SeriesComparison[]>()
  const candidates = model.comparison.entries.filter(isChartable).sort(compareChartOrder)
  for (const entry of candidates) {
    const key = `${entry.changes[0].statistic}\u0000${entry.metric.unit}`
    groups.set(key, [...(groups.get(key) ?? []), entry])
  }

  // Groups come out in the order of their first (most important) entry.
  return [...groups.values()].slice(0, MAX_CHARTS).flatMap(entries => {
    const shown = entries.slice(0, MAX_BARS_PER_CHART)
    const statistic = shown[0].changes[0].statistic
    const unit = shown[0].metric.unit
    const bars = shown.map((entry): ChartBar => ({ label: chartLabel(entry), base: entry.changes[0].base, head: entry.changes[0].head }))
    const chart = renderComparisonChart({ title: `${statistic}, base vs head`, unit: unit === '' ? 'value' : unit, bars })
    if (chart === '') return []
    const more = entries.length - shown.length
    const caption = more > 0 ? `\n\n_${more} more changed series with this statistic and unit are in the tables only._` : ''
    return [{ priority, head: `${chart}${caption}` }]
  })
}

function isChartable(entry: SeriesComparison): boolean {
  const change = entry.changes[0]
  if (!CHARTED_STATES.has(entry.state) || change === undefined) return false
  if (!Number.isFinite(change.base) || !Number.isFinite(change.head)) return false
  return lowSampleNote(change.statistic, Math.min(entry.baseN, entry.headN)) === null
}

function compareChartOrder(a: SeriesComparison, b: SeriesComparison): number {
  const regressionA = a.state === 'regression' ? 0 : 1
  const regressionB = b.state === 'regression' ? 0 : 1
  return regressionA - regressionB || compareEntries(a, b)
}

/** Names a chart bar: the label value of a one-label series (`chat` for `series=chat`), or its key, then the metric. */
function chartLabel(entry: SeriesComparison): string {
  return `${seriesName(entry)} ${entry.metric.name}`
}

function seriesName(entry: SeriesComparison): string {
  if (entry.seriesKey === '') return lastPathPart(entry.benchmark)
  const single = /^[^=,]+=([^,]*)$/.exec(entry.seriesKey)
  return single === null ? entry.seriesKey : single[1]
}

function lastPathPart(path: string): string {
  const parts = path.split('/')
  return parts[parts.length - 1] || path
}
