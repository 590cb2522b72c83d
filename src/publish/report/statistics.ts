/**
 * Statistics tables, one per file and location: n, mean, stddev, min, p50, p90,
 * p95, p99 and max in the metric's unit. The most relevant series come first and
 * the rest are folded into `<details>`.
 */
import type { AggregateKind, SeriesMetric, SummaryStatistics } from '../../analyze/types.js'
import { MIN_SAMPLES_FOR_STATISTIC } from '../../compare/statistics.js'
import { formatCount, formatValue, formatWithUnit } from '../../format.js'
import { codeSpan, escapeHtml, escapeMarkdown } from '../escape.js'
import type { Block, BlockRow } from './layout.js'
import { compareSeriesRelevance, compareText, isChanged, type IndexedSeries, type ReportIndex, type SeriesState } from './series-index.js'
import { EMPTY_CELL, countOf, tableHeader, tableRow, type Alignment } from './table.js'

/**
 * Minimum number of samples for which a percentile is shown. Below 1 / (1 - p)
 * samples the linear-interpolation percentile lies between the two largest
 * samples, so a p95 over 5 samples is close to the maximum and adds nothing to it.
 * The same minimums as the gate's, so the report never shows a percentile the gate rejects.
 */
export const MIN_SAMPLES: Readonly<Record<string, number>> = {
  p90: MIN_SAMPLES_FOR_STATISTIC.p90,
  p95: MIN_SAMPLES_FOR_STATISTIC.p95,
  p99: MIN_SAMPLES_FOR_STATISTIC.p99
}

/** Series shown before the fold in each table, besides every regression and other change. */
export const VISIBLE_ROWS = 10

/** Returns `n/a (n = 5)` when `statistic` needs more samples than `n`, otherwise null. */
export function lowSampleNote(statistic: string, n: number): string | null {
  const minimum = MIN_SAMPLES[statistic]
  return minimum !== undefined && n < minimum ? `n/a (n = ${formatCount(n)})` : null
}

export interface StatisticsPriorities {
  /** Tables of files with a changed series. */
  changed: number
  /** The visible part of the other tables. */
  visible: number
  /** Folded rows. */
  folded: number
}

export interface StatisticsOptions {
  priorities: StatisticsPriorities
  /** Keep only series whose state is a change (regression, improvement, new…), for a shortened comment. */
  onlyChanged: boolean
}

const COLUMNS = ['Series', 'Metric', 'Unit', 'n', 'mean', 'stddev', 'min', 'p50', 'p90', 'p95', 'p99', 'max', 'Notes']
const ALIGNMENT: Alignment[] = ['left', 'left', 'left', ...Array<Alignment>(9).fill('right'), 'left']
const TABLE_HEADER = tableHeader(COLUMNS, ALIGNMENT)

/** Builds the section heading and the statistics tables. */
export function statisticsBlocks(index: ReportIndex, options: StatisticsOptions): Block[] {
  const included = options.onlyChanged ? index.series.filter(item => isChanged(item.state)) : index.series
  if (included.length === 0) return []

  // By path, then location: nested maps of the strings the series already hold avoid a joined key per series.
  const groups = new Map<string, Map<string, IndexedSeries[]>>()
  for (const item of included) {
    let byLocation = groups.get(item.series.path)
    if (byLocation === undefined) {
      byLocation = new Map()
      groups.set(item.series.path, byLocation)
    }
    const group = byLocation.get(item.series.location)
    if (group === undefined) byLocation.set(item.series.location, [item])
    else group.push(item)
  }
  // compareGroups orders any two groups (it ends with path and location), so the order of the maps does not matter.
  const sortedGroups = [...groups.values()]
    .flatMap(byLocation => [...byLocation.values()])
    .map(items => items.sort(compareSeriesRelevance))
    .sort(compareGroups)

  // The section heading rides on the first table, so a shortened report never shows it without one.
  const heading = options.onlyChanged ? '### Statistics of the changed series' : '### Statistics'
  return sortedGroups.flatMap((items, position) => groupBlocks(items, options.priorities, position === 0 ? `${heading}\n\n` : ''))
}

function compareGroups(a: IndexedSeries[], b: IndexedSeries[]): number {
  return compareSeriesRelevance(a[0], b[0]) || compareText(a[0].series.path, b[0].series.path) || compareText(a[0].series.location, b[0].series.location)
}

function groupBlocks(items: IndexedSeries[], priorities: StatisticsPriorities, sectionHeading: string): Block[] {
  const first = items[0].series
  const location = first.location === '' ? '' : ` · ${escapeMarkdown(first.location)}`
  const run = first.runStamp === null ? '' : ` (run ${escapeMarkdown(first.runStamp)})`
  const heading = `#### ${codeSpan(first.path)}${location}${run}`

  const notableCount = items.filter(item => isNotable(item.state)).length
  const visibleCount = Math.max(notableCount, Math.min(items.length, VISIBLE_ROWS))
  const rows = items.map(statisticsRow)
  const visible = rows.slice(0, visibleCount)
  const folded = rows.slice(visibleCount)

  const blocks: Block[] = [
    {
      priority: notableCount > 0 ? priorities.changed : priorities.visible,
      head: `${sectionHeading}${heading}\n\n${TABLE_HEADER}`,
      rows: visible,
      omittedNote: count => `_${countOf(count, 'more series', 'more series')} of this table not shown here._`
    }
  ]
  if (folded.length > 0) {
    blocks.push({
      priority: priorities.folded,
      head: TABLE_HEADER,
      rows: folded,
      details: escapeHtml(`${countOf(folded.length, 'more series', 'more series')} in ${first.path}`),
      omittedNote: count => `_${countOf(count, 'of these series', 'of these series')} not shown here._`
    })
  }
  return blocks
}

/** States that keep a series above the fold: a regression or another change with numbers. */
function isNotable(state: SeriesState): boolean {
  return state === 'regression' || state === 'improvement' || state === 'inconclusive' || state === 'failed' || state === 'not-comparable'
}

function statisticsRow(item: IndexedSeries): BlockRow {
  return new StatisticsRow(item)
}

/**
 * A statistics table row, rendered when first read, as `lazyRow` builds them. A class
 * of its own keeps one small object per series, with no closure and no array.
 */
class StatisticsRow implements BlockRow {
  private rendered: string | undefined

  constructor(private readonly item: IndexedSeries) {}

  get text(): string {
    this.rendered ??= renderStatisticsRow(this.item.series)
    return this.rendered
  }

  get shows(): readonly string[] {
    return [this.item.id]
  }
}

function renderStatisticsRow(series: SeriesMetric): string {
  const aggregate = series.metric.aggregate
  const metric = aggregate === null ? codeSpan(series.metric.name) : `${codeSpan(series.metric.name)} ${aggregateLabel(aggregate)} (reported)`
  const unit = series.metric.unit === '' ? EMPTY_CELL : escapeMarkdown(series.metric.unit)
  return tableRow([codeSpan(series.seriesKey, '(all rows)'), metric, unit, ...statisticCells(series), notesCell(series)])
}

const STATISTIC_COLUMNS = ['mean', 'stddev', 'min', 'p50', 'p90', 'p95', 'p99', 'max'] as const
type StatisticColumn = (typeof STATISTIC_COLUMNS)[number]

/** Column in which a pre-aggregated value is shown. A total, or a percentile named only in the metric name, goes to the notes. */
const AGGREGATE_COLUMN: Record<AggregateKind, StatisticColumn | null> = {
  mean: 'mean',
  median: 'p50',
  p90: 'p90',
  p95: 'p95',
  p99: 'p99',
  min: 'min',
  max: 'max',
  std: 'stddev',
  total: null,
  percentile: null
}

function aggregateLabel(aggregate: AggregateKind): string {
  return aggregate === 'std' ? 'stddev' : aggregate
}

/** Formats the n column and the eight statistic columns. */
function statisticCells(series: SeriesMetric): string[] {
  const stats = series.stats
  if (stats === null || stats.n === 0) return ['no data', ...STATISTIC_COLUMNS.map(() => EMPTY_CELL)]

  const aggregate = series.metric.aggregate
  if (aggregate !== null) {
    // Reported aggregates are not samples: show the reported value in its own column and nothing in the others.
    const column = AGGREGATE_COLUMN[aggregate]
    const value = stats.n === 1 ? formatValue(stats.mean) : `${formatValue(stats.mean)} (mean of ${formatCount(stats.n)})`
    return [`${formatCount(stats.n)} reported`, ...STATISTIC_COLUMNS.map(name => (name === column ? value : EMPTY_CELL))]
  }

  return [formatCount(stats.n), ...STATISTIC_COLUMNS.map(name => sampleStatistic(stats, name))]
}

function sampleStatistic(stats: SummaryStatistics, column: StatisticColumn): string {
  const lowSample = lowSampleNote(column, stats.n)
  if (lowSample !== null) return lowSample
  if (column === 'stddev') return stats.stddev === null ? `n/a (n = ${formatCount(stats.n)})` : formatValue(stats.stddev)
  return formatValue(stats[column])
}

function notesCell(series: SeriesMetric): string {
  const notes: string[] = []
  const unit = series.metric.unit

  if (series.metric.aggregate !== null && series.stats !== null && series.stats.n > 1) {
    notes.push(`${formatCount(series.stats.n)} reported values from ${formatWithUnit(series.stats.min, unit)} to ${formatWithUnit(series.stats.max, unit)}`)
  }
  const aggregate = series.metric.aggregate
  if ((aggregate === 'total' || aggregate === 'percentile') && series.stats !== null && series.stats.n === 1) {
    notes.push(`reported ${aggregate} ${formatWithUnit(series.stats.mean, unit)}`)
  }
  const coldStart = series.coldStartIndex === null ? undefined : series.samples[series.coldStartIndex]
  if (series.coldStartIndex !== null && coldStart !== undefined) {
    notes.push(`cold start ${formatWithUnit(coldStart, unit)} (sample ${formatCount(series.coldStartIndex + 1)})`)
  }
  if (series.droppedNonFinite > 0) notes.push(`${countOf(series.droppedNonFinite, 'non-finite value')} dropped`)
  if (series.failedRuns > 0) notes.push(`${countOf(series.failedRuns, 'failed run')} left out`)
  for (const flag of series.flags) {
    if (flag.code === 'unknown-unit' || flag.code === 'sample-limit' || flag.code === 'invalid-values' || flag.code === 'not-applicable' || flag.code === 'zero-latency') {
      notes.push(escapeMarkdown(flag.message))
    }
  }
  return notes.length === 0 ? EMPTY_CELL : notes.join('; ')
}
