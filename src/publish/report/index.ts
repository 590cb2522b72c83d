/**
 * Renders the report Markdown for the job summary, the report.md file, the
 * command-line preview and the pull request comment. Rendering is deterministic:
 * the same model gives the same bytes, with no clock and only stable sort orders.
 */
import { formatCount } from '../../format.js'
import type { ReportModel } from '../index.js'
import { inventoryBlocks } from './inventory.js'
import { layoutBlocks, sizeOf, type Block } from './layout.js'
import { modelRunBlocks } from './model-run.js'
import { narrativeBlock } from './narrative.js'
import { qualityBlocks } from './quality.js'
import type { ComparisonState } from '../../compare/types.js'
import { comparisonRowId, indexReport, type ReportIndex } from './series-index.js'
import { statisticsBlocks } from './statistics.js'
import { footerBlock } from './footer.js'
import { olderRunsText, stateCount, verdictBlocks, Priority as VerdictPriority } from './verdict.js'
import { countOf } from './table.js'

export { buildMetricsDocument, METRICS_SCHEMA_VERSION, type MetricsDocument } from '../metrics-json.js'
export { indexReport, type ReportIndex } from './series-index.js'

/** GitHub rejects a comment body longer than this (HTTP 422). */
export const COMMENT_MAX_CHARS = 65_536
/** GitHub refuses a job summary larger than this, per step. */
export const JOB_SUMMARY_MAX_BYTES = 1_048_576
/** Default size of the rendered report: under the job summary limit, with room for anything else the step writes. */
export const DEFAULT_REPORT_MAX_BYTES = 1_000_000

export interface RenderOptions {
  /** Maximum size in UTF-8 bytes, `DEFAULT_REPORT_MAX_BYTES` by default. The least important tables are shortened to fit. */
  maxBytes?: number
}

export interface CommentOptions {
  /** Largest body, counted both in characters and in UTF-8 bytes, without the sticky marker that the caller prepends. */
  maxChars: number
  /** Link to the run's job summary, where the full report is, or null when unknown. */
  summaryUrl: string | null
}

/** Priority of each section when the size limit is reached: lower numbers are kept first. */
const Priority = {
  ...VerdictPriority,
  footer: 2,
  failedRuns: 5,
  statisticsChanged: 6,
  warnings: 7,
  modelRun: 8,
  statisticsVisible: 10,
  inventory: 11,
  statisticsFolded: 12,
  skippedFiles: 13
} as const

/**
 * Renders the full report: verdict and changes, narrative, statistics, failed
 * runs and warnings, inventory, model run and footer. When the report exceeds
 * `maxBytes`, the least important tables lose rows and a note lists what was left out.
 * `index` is `indexReport(model)`, for a caller that has built it already.
 */
export function renderReport(model: ReportModel, options: RenderOptions = {}, index: ReportIndex = indexReport(model)): string {
  const maxBytes = options.maxBytes ?? DEFAULT_REPORT_MAX_BYTES
  const note = (omitted: string) =>
    `_To stay within ${formatCount(maxBytes)} bytes (GitHub's job summary takes at most ${formatCount(JOB_SUMMARY_MAX_BYTES)}), this report leaves out ${omitted}. metrics.json lists every series._`
  return fitBlocks(model, reportBlocks(model, index, false), index, maxBytes, note)
}

/** Renders the report for the job summary within `maxBytes` (GitHub's limit is `JOB_SUMMARY_MAX_BYTES`). */
export function fitSummary(model: ReportModel, maxBytes: number = DEFAULT_REPORT_MAX_BYTES, index: ReportIndex = indexReport(model)): string {
  return renderReport(model, { maxBytes }, index)
}

/**
 * Renders the pull request comment within `maxChars` characters and UTF-8 bytes.
 * When the full report does not fit, the comment keeps the verdict, every
 * regression and the narrative first. Then come the largest other changes and
 * the changed series' statistics while room remains. A note under the verdict
 * counts the series left out and links the full report. The sticky marker is
 * not included.
 */
export function renderCommentBody(model: ReportModel, options: CommentOptions, index: ReportIndex = indexReport(model)): string {
  const where = options.summaryUrl === null ? 'the job summary of this run' : `the [job summary](${options.summaryUrl})`
  const note = (omitted: string) => `**Not shown in this comment:** ${omitted}. The full report is in ${where}.`
  const link = options.summaryUrl === null ? '' : `\n\n[Full report in the job summary](${options.summaryUrl})`

  const full = layoutBlocks(reportBlocks(model, index, false).blocks, options.maxChars - sizeOf(link) - 1)
  if (!full.trimmed) return `${full.markdown}${link}\n`
  return fitBlocks(model, reportBlocks(model, index, true), index, options.maxChars, note)
}

function reportBlocks(model: ReportModel, index: ReportIndex, shortened: boolean): ReportBlocks {
  const narrative = narrativeBlock(model.narrative, Priority.narrative)
  const blocks = [
    ...verdictBlocks(model, index, shortened),
    narrative,
    ...statisticsBlocks(index, {
      onlyChanged: shortened && !index.noBaseline,
      priorities: { changed: Priority.statisticsChanged, visible: Priority.statisticsVisible, folded: Priority.statisticsFolded }
    }),
    ...qualityBlocks(model, { failedRuns: Priority.failedRuns, warnings: Priority.warnings }),
    ...inventoryBlocks(model.head.inventory, { tables: Priority.inventory, skipped: Priority.skippedFiles }),
    ...modelRunBlocks(model.narrative, Priority.modelRun),
    footerBlock(model, Priority.footer)
  ]
  return { blocks, narrative: model.narrative.markdown === null ? null : narrative }
}

interface ReportBlocks {
  blocks: Block[]
  /** The narrative block when it holds the model's text, to say so when it does not fit. */
  narrative: Block | null
}

/**
 * Lays out the blocks within `maxBytes`, with a note after the verdict that lists
 * what was left out. Loops with a smaller budget in the rare case the note ends
 * up longer than the room reserved for it.
 */
function fitBlocks(model: ReportModel, report: ReportBlocks, index: ReportIndex, maxBytes: number, note: (omitted: string) => string): string {
  const reserve = sizeOf(note(worstCaseOmission(model, index))) + 4
  let budget = maxBytes - reserve
  for (let attempt = 0; attempt < 4 && budget > 0; attempt++) {
    const result = layoutBlocks(report.blocks, budget)
    const narrativeLeftOut = report.narrative !== null && !result.kept.has(report.narrative)
    const omission = describeOmission(model, index, result.shown, narrativeLeftOut)
    if (!result.trimmed && omission === null) return `${result.markdown}\n`
    // The note goes right under the verdict (the first block, which has the top priority) so a reader sees it first.
    const parts = [...result.parts]
    parts.splice(Math.min(1, parts.length), 0, note(omission ?? 'rows of the longer lists (every series is shown)'))
    const text = parts.join('\n\n')
    if (sizeOf(text) + 1 <= maxBytes) return `${text}\n`
    budget -= sizeOf(text) + 1 - maxBytes + 256
  }
  return truncateToBytes(note('the whole report, because the size limit is too small for it'), maxBytes)
}

const STATE_ORDER: readonly ComparisonState[] = ['regression', 'failed', 'improvement', 'inconclusive', 'not-comparable', 'new', 'no-baseline', 'removed', 'unchanged', 'no-data']

/**
 * Describes what was left out, such as `1,399 of 1,400 series and metrics (1,399
 * unchanged)`, or returns null when nothing was. Comparison entries are counted as in
 * `comparison.counts`; older runs of timestamped benchmarks, which have no entry, are
 * counted apart. With a baseline, an entry counts as shown when a row of the
 * comparison tables shows it, so the note agrees with the notes of the folded
 * tables. Without one, the statistics tables are the only rows that show it.
 */
function describeOmission(model: ReportModel, index: ReportIndex, shown: Set<string>, narrativeLeftOut: boolean): string | null {
  const missing = new Map<ComparisonState, number>()
  let missingEntries = 0
  for (const entry of model.comparison.entries) {
    const seriesIds = index.entryIds.get(entry) ?? []
    const ids = index.noBaseline ? seriesIds : seriesIds.map(comparisonRowId)
    if (ids.some(id => shown.has(id))) continue
    missing.set(entry.state, (missing.get(entry.state) ?? 0) + 1)
    missingEntries++
  }
  const missingOlderRuns = index.series.filter(item => item.entry === null && !shown.has(item.id)).length

  const parts: string[] = []
  if (narrativeLeftOut) parts.push('the narrative')
  if (missingEntries > 0) {
    const byState = STATE_ORDER.filter(state => (missing.get(state) ?? 0) > 0).map(state => stateCount(state, missing.get(state) ?? 0))
    parts.push(`${formatCount(missingEntries)} of ${countOf(model.comparison.entries.length, 'series and metrics', 'series and metrics')} (${byState.join(', ')})`)
  }
  if (missingOlderRuns > 0) parts.push(`${formatCount(missingOlderRuns)} of the ${olderRunsText(index.olderRuns)}`)
  return parts.length === 0 ? null : parts.join(' and ')
}

/** Builds the longest omission text this model can produce, to reserve room for it. */
function worstCaseOmission(model: ReportModel, index: ReportIndex): string {
  const total = model.comparison.entries.length
  const byState = STATE_ORDER.map(state => stateCount(state, total))
  return `the narrative and ${formatCount(total)} of ${countOf(total, 'series and metrics', 'series and metrics')} (${byState.join(', ')}) and ${formatCount(index.olderRuns)} of the ${olderRunsText(index.olderRuns)}`
}

/** Cuts text to at most `maxBytes` UTF-8 bytes without splitting a character. */
function truncateToBytes(text: string, maxBytes: number): string {
  let result = ''
  let size = 0
  for (const character of text) {
    size += sizeOf(character)
    if (size > maxBytes) break
    result += character
  }
  return result
}
