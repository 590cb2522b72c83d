/** Failed runs, data-quality warnings (with file and line) and noise warnings. */
import type { DataWarning, FailedRunGroup } from '../../analyze/types.js'
import type { NoiseEstimate } from '../../compare/types.js'
import { formatCount } from '../../format.js'
import { codeSpan, escapeMarkdown } from '../escape.js'
import type { ReportModel } from '../index.js'
import type { Block } from './layout.js'
import { compareText } from './series-index.js'
import { countOf, formatPercent } from './table.js'

export interface QualityPriorities {
  failedRuns: number
  warnings: number
}

/** Builds the failed-run, data-warning and noise sections, leaving out those that would be empty. */
export function qualityBlocks(model: ReportModel, priorities: QualityPriorities): Block[] {
  const blocks: Block[] = []

  const failures = [...model.head.failures].sort(compareFailures)
  if (failures.length > 0) {
    blocks.push({
      priority: priorities.failedRuns,
      head: '### Failed runs\n',
      rows: failures.map(failure => ({ text: failedRunLine(failure), shows: [] })),
      omittedNote: count => `_${countOf(count, 'more table', 'more tables')} with failed runs not shown here._`
    })
  }

  const warnings = [...model.head.warnings].sort(compareWarnings)
  if (warnings.length > 0) {
    blocks.push({
      priority: priorities.warnings,
      head: '### Data-quality warnings\n',
      rows: warnings.map(warning => ({ text: `- ${location(warning.path, warning.line)}: ${escapeMarkdown(warning.message)}`, shows: [] })),
      omittedNote: count => `_${countOf(count, 'more warning')} not shown here._`
    })
  }

  const noisy = model.comparison.noise.filter(estimate => estimate.thresholdTooTight).sort(compareNoise)
  if (noisy.length > 0) {
    const threshold = formatPercent(model.comparison.settings.threshold)
    blocks.push({
      priority: priorities.warnings,
      head: `### Noise warnings\n\nThe base runs of these series vary by more than half the ${threshold} threshold, so a change of that size can be noise.\n`,
      rows: noisy.map(estimate => ({ text: noiseLine(estimate), shows: [] })),
      omittedNote: count => `_${countOf(count, 'more noise warning')} not shown here._`
    })
  }

  return blocks
}

/** `path:line`, or the path alone when the line is unknown. */
function location(path: string, line: number | undefined): string {
  return line === undefined ? codeSpan(path) : `${codeSpan(path)} line ${line}`
}

function failedRunLine(failure: FailedRunGroup): string {
  const place = failure.location === '' ? '' : ` · ${escapeMarkdown(failure.location)}`
  const series = failure.seriesKey === '' ? '' : `, series ${codeSpan(failure.seriesKey)}`
  const error = failure.topError === '' ? 'no error message' : codeSpan(failure.topError)
  const repeats = failure.topErrorCount > 1 ? ` (${formatCount(failure.topErrorCount)} times)` : ''
  return `- ${location(failure.path, failure.line)}${place}${series}: **${formatCount(failure.failed)} of ${formatCount(failure.total)} runs failed**: ${error}${repeats}`
}

function noiseLine(estimate: NoiseEstimate): string {
  const place = estimate.location === undefined || estimate.location === '' ? '' : ` · ${escapeMarkdown(estimate.location)}`
  const series = estimate.seriesKey === '' ? '' : ` ${codeSpan(estimate.seriesKey)}`
  return `- ${codeSpan(estimate.benchmark)}${place}${series} ${codeSpan(estimate.metric)}: run-to-run variation ${formatPercent(estimate.variation)} across ${countOf(estimate.runs, 'base run')}`
}

function compareFailures(a: FailedRunGroup, b: FailedRunGroup): number {
  return b.failed - a.failed || compareText(a.path, b.path) || compareText(a.location, b.location) || compareText(a.seriesKey, b.seriesKey)
}

function compareWarnings(a: DataWarning, b: DataWarning): number {
  return compareText(a.path, b.path) || (a.line ?? 0) - (b.line ?? 0) || compareText(a.code, b.code) || compareText(a.message, b.message)
}

function compareNoise(a: NoiseEstimate, b: NoiseEstimate): number {
  return b.variation - a.variation || compareText(a.benchmark, b.benchmark) || compareText(a.seriesKey, b.seriesKey) || compareText(a.metric, b.metric)
}
