/**
 * The top of the report: the gate verdict with its counts, the table of
 * regressions, the table of the other changes (largest first) and the charts.
 */
import { countFailedSeries } from '../../compare/summary.js'
import type { ComparisonState, SeriesComparison, StatisticChange } from '../../compare/types.js'
import { formatChange, formatCount, formatPValue, formatWithUnit } from '../../format.js'
import { codeSpan, escapeHtml, escapeMarkdown } from '../escape.js'
import type { ReportModel } from '../index.js'
import { lazyRow, type Block, type BlockRow } from './layout.js'
import { compareEntries, comparisonRowId, type ReportIndex } from './series-index.js'
import { EMPTY_CELL, countOf, tableHeader, tableRow, type Alignment } from './table.js'
import { lowSampleNote } from './statistics.js'
import { chartBlocks } from './charts.js'

/** Heading of every report and comment. */
export const REPORT_TITLE = '## Benchmark report'

/** Priorities of the verdict blocks, as layout.ts reads them. */
export const Priority = {
  verdict: 0,
  regressions: 1,
  narrative: 2,
  otherChanges: 3,
  charts: 4,
  // A few rows at most, and otherwise not named anywhere below the verdict, so they are kept before the long unchanged table.
  noDataEitherSide: 11,
  unchanged: 12
} as const

/**
 * Builds the verdict, the change tables and the charts. A `shortened` report
 * leaves out the folded table of unchanged series.
 */
export function verdictBlocks(model: ReportModel, index: ReportIndex, shortened: boolean): Block[] {
  const blocks: Block[] = [{ priority: Priority.verdict, head: renderVerdict(model, index) }]
  if (index.noBaseline) return blocks

  const regressions = model.comparison.entries.filter(entry => entry.state === 'regression').sort(compareEntries)
  if (regressions.length > 0) {
    blocks.push({
      priority: Priority.regressions,
      head: `### Regressions\n\n${tableHeader(CHANGE_COLUMNS, CHANGE_ALIGNMENT)}`,
      rows: regressions.flatMap(entry => changeRows(entry, index, null)),
      omittedNote: count => `_${countOf(count, 'more regression row')} not shown here._`
    })
  }

  const others = model.comparison.entries.filter(entry => OTHER_CHANGE_STATES.includes(entry.state) || isHeadDataLost(entry)).sort(compareOtherChanges)
  if (others.length > 0) {
    blocks.push({
      priority: Priority.otherChanges,
      head: `### Other changes\n\n${tableHeader(['State', ...CHANGE_COLUMNS], ['left', ...CHANGE_ALIGNMENT])}`,
      rows: others.flatMap(entry => changeRows(entry, index, entry.state)),
      omittedNote: count => `_${countOf(count, 'more row')} of other changes not shown here._`
    })
  }

  blocks.push(...chartBlocks(model, Priority.charts))

  const unchanged = model.comparison.entries.filter(entry => entry.state === 'unchanged').sort(compareEntries)
  if (unchanged.length > 0 && !shortened) {
    blocks.push({
      priority: Priority.unchanged,
      head: tableHeader(CHANGE_COLUMNS, CHANGE_ALIGNMENT),
      rows: unchanged.flatMap(entry => changeRows(entry, index, null)),
      details: escapeHtml(`${countOf(unchanged.length, 'unchanged series', 'unchanged series')}, largest change first`),
      omittedNote: count => `_${countOf(count, 'more row')} of unchanged series not shown here._`
    })
  }

  const withoutData = model.comparison.entries.filter(isNoDataOnEitherSide).sort(compareEntries)
  if (withoutData.length > 0 && !shortened) {
    blocks.push({
      priority: Priority.noDataEitherSide,
      head: tableHeader(CHANGE_COLUMNS, CHANGE_ALIGNMENT),
      rows: withoutData.flatMap(entry => changeRows(entry, index, null)),
      details: escapeHtml(`${countOf(withoutData.length, 'series', 'series')} with no data on either side`),
      omittedNote: count => `_${countOf(count, 'more row')} of series without data not shown here._`
    })
  }

  return blocks
}

/** True for a `no-data` entry whose base has data, so the head lost it: listed with the other changes. */
function isHeadDataLost(entry: SeriesComparison): boolean {
  return entry.state === 'no-data' && entry.baseN > 0
}

/** True for a `no-data` entry whose base has no data either: nothing changed, so it is folded away. */
function isNoDataOnEitherSide(entry: SeriesComparison): boolean {
  return entry.state === 'no-data' && entry.baseN === 0
}

const CHANGE_COLUMNS = ['Benchmark', 'Series', 'Metric', 'Base', 'Head', 'Change', 'p-value', 'Threshold', 'Gate', 'Notes']
const CHANGE_ALIGNMENT: Alignment[] = ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'left', 'left']

/** States listed under "Other changes". Unchanged series get a folded table of their own. */
const OTHER_CHANGE_STATES: readonly ComparisonState[] = ['improvement', 'inconclusive', 'failed', 'not-comparable', 'removed', 'new', 'no-baseline']

const STATE_LABELS: Record<ComparisonState, [singular: string, plural: string]> = {
  regression: ['regression', 'regressions'],
  improvement: ['improvement', 'improvements'],
  inconclusive: ['inconclusive', 'inconclusive'],
  new: ['new', 'new'],
  removed: ['removed', 'removed'],
  failed: ['failed', 'failed'],
  unchanged: ['unchanged', 'unchanged'],
  'no-baseline': ['without baseline', 'without baseline'],
  'not-comparable': ['not comparable', 'not comparable'],
  'no-data': ['without data', 'without data']
}

/** Writes `1 regression`, `3 new` and so on for one comparison state. */
export function stateCount(state: ComparisonState, count: number): string {
  const [singular, plural] = STATE_LABELS[state]
  return `${formatCount(count)} ${count === 1 ? singular : plural}`
}

/** Line under the verdict when the `artifacts` patterns matched no file. */
export const NOTHING_READ_NOTE = 'No artifact file was read, so nothing was checked: see the warnings about the `artifacts` patterns in the log.'

function renderVerdict(model: ReportModel, index: ReportIndex): string {
  const { comparison } = model
  const lines = [REPORT_TITLE, '']

  if (comparison.failed) {
    const message = comparison.failureMessage ?? 'the gate failed'
    lines.push(`**❌ Fail:** ${escapeMarkdown(message)}`)
  } else {
    lines.push('**✅ Pass:** no series fails the gate.')
  }
  lines.push('')

  if (model.head.inventory.totalFiles === 0) {
    // A pass over zero files looks like a clean run, so say why nothing was checked.
    lines.push(NOTHING_READ_NOTE)
    lines.push('')
  }

  if (index.noBaseline) {
    const reason = comparison.baseline.reason === null ? '' : ` (${escapeMarkdown(comparison.baseline.reason)})`
    lines.push(`No baseline: comparison skipped${reason}. Every series is reported as new, without a comparison.`)
    lines.push('')
  }

  // Every count comes from comparison.counts (one per series and metric), as in metrics.json and the log.
  const counts = comparison.counts
  const parts = [
    stateCount('regression', counts.regression),
    stateCount('improvement', counts.improvement),
    stateCount('inconclusive', counts.inconclusive),
    stateCount('new', counts.new),
    stateCount('removed', counts.removed),
    failedCount(comparison.entries, counts.failed)
  ]
  if (counts.unchanged > 0) parts.push(stateCount('unchanged', counts.unchanged))
  if (counts['no-baseline'] > 0) parts.push(stateCount('no-baseline', counts['no-baseline']))
  if (counts['not-comparable'] > 0) parts.push(stateCount('not-comparable', counts['not-comparable']))
  const headDataLost = comparison.entries.filter(isHeadDataLost).length
  if (headDataLost > 0) parts.push(`${formatCount(headDataLost)} without data in the head`)
  const noDataEitherSide = counts['no-data'] - headDataLost
  if (noDataEitherSide > 0) parts.push(`${formatCount(noDataEitherSide)} with no data on either side`)
  lines.push(parts.join(' · '))

  if (index.olderRuns > 0) {
    lines.push('')
    lines.push(`${olderRunsText(index.olderRuns)}: only the newest run of each benchmark is compared.`)
  }
  return lines.join('\n')
}

/** Writes `228 older runs of timestamped benchmarks, not compared`. */
export function olderRunsText(count: number): string {
  return `${countOf(count, 'older run', 'older runs')} of timestamped benchmarks, not compared`
}

/**
 * Writes the failed count per series, with the per-metric count when it differs,
 * such as `11 failed series (73 metrics)`: a failed run fails every metric of its series.
 */
function failedCount(entries: readonly SeriesComparison[], failedEntries: number): string {
  const series = countFailedSeries(entries)
  const perSeries = `${formatCount(series)} failed series`
  return series === failedEntries ? perSeries : `${perSeries} (${countOf(failedEntries, 'metric')})`
}

function compareOtherChanges(a: SeriesComparison, b: SeriesComparison): number {
  return otherChangeRank(a) - otherChangeRank(b) || compareEntries(a, b)
}

/** Entries with numbers first, then by state in the order of OTHER_CHANGE_STATES, then head runs that lost their data. */
function otherChangeRank(entry: SeriesComparison): number {
  if (entry.changes.length > 0) return 0
  const position = OTHER_CHANGE_STATES.indexOf(entry.state)
  return position < 0 ? OTHER_CHANGE_STATES.length + 1 : position + 1
}

/** Builds one row per compared statistic (the gate statistic, then p95 when gated), or one row without numbers. */
function changeRows(entry: SeriesComparison, index: ReportIndex, state: ComparisonState | null): BlockRow[] {
  const shows = (index.entryIds.get(entry) ?? []).map(comparisonRowId)
  if (entry.changes.length === 0) return [lazyRow(() => renderChangeRow(entry, state, null), shows)]
  return entry.changes.map(change => lazyRow(() => renderChangeRow(entry, state, change), shows))
}

/** Renders the row of one compared statistic, or with `change` null the row of an entry without numbers. */
function renderChangeRow(entry: SeriesComparison, state: ComparisonState | null, change: StatisticChange | null): string {
  const identity = [
    codeSpan(entry.benchmark),
    codeSpan(entry.seriesKey, '(all rows)'),
    codeSpan(entry.metric.name)
  ]
  const stateCell = state === null ? [] : [STATE_LABELS[state][0]]
  const gate = gateCell(entry)
  const notes = entry.notes.map(note => escapeMarkdown(note)).join('; ') || EMPTY_CELL

  if (change === null) {
    const base = entry.baseN > 0 ? `n = ${formatCount(entry.baseN)}` : EMPTY_CELL
    const head = entry.headN > 0 ? `n = ${formatCount(entry.headN)}` : EMPTY_CELL
    return tableRow([...stateCell, ...identity, base, head, STATE_LABELS[entry.state][0], EMPTY_CELL, EMPTY_CELL, gate, notes])
  }
  return tableRow([...stateCell, ...identity.slice(0, 2), `${identity[2]} ${change.statistic}`, ...changeCells(entry, change), gate, notes])
}

function gateCell(entry: SeriesComparison): string {
  if (entry.failsJob) return '**fails the job**'
  return entry.gated ? 'reported' : 'not gated'
}

/** Formats the base, head, change, p-value and threshold cells of one statistic. */
function changeCells(entry: SeriesComparison, change: StatisticChange): string[] {
  const unit = entry.metric.unit
  const lowSample = lowSampleNote(change.statistic, Math.min(entry.baseN, entry.headN))
  if (lowSample !== null) {
    return [lowSample, lowSample, lowSample, pValueCell(change), thresholdCell(entry, change)]
  }
  const changeText = formatChange(change.change)
  return [
    formatWithUnit(change.base, unit),
    formatWithUnit(change.head, unit),
    entry.state === 'regression' && changeText !== 'n/a' ? `**${changeText}**` : changeText,
    pValueCell(change),
    thresholdCell(entry, change)
  ]
}

function pValueCell(change: StatisticChange): string {
  const text = formatPValue(change.pValue)
  if (change.pValue === null && change.noTestReason !== null) return `${text} (${escapeMarkdown(change.noTestReason)})`
  return text
}

/** Formats the threshold in the direction that counts as worse, and the absolute floor when there is one. */
function thresholdCell(entry: SeriesComparison, change: StatisticChange): string {
  if (entry.direction === 'neutral') return 'not gated'
  const signed = entry.direction === 'higher-is-better' ? -change.threshold : change.threshold
  const relative = formatChange(signed)
  if (change.absoluteFloor > 0) return `${relative} and ≥ ${formatWithUnit(change.absoluteFloor, entry.metric.unit)}`
  return relative
}
