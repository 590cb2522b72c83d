/**
 * Turns regressions, failed benchmark runs and unreadable files into file annotations.
 *
 * GitHub shows at most 10 annotations of each level (error, warning, notice) per step
 * and 50 per job (actions/toolkit, docs/problem-matchers.md).
 * When a level has more, the 9 most important are emitted and a 10th counts the rest:
 * regressions first (largest change first), then failed benchmark runs (most failures
 * first), then skipped files and parse warnings (in path and line order).
 */
import type { Analysis } from '../analyze/types.js'
import type { Comparison, SeriesComparison } from '../compare/types.js'
import { formatChange, formatWithUnit } from '../format.js'
import type { AnnotationTarget, Logger } from '../logger.js'

/** GitHub's limit of annotations per level and step. */
export const ANNOTATIONS_PER_LEVEL = 10

export type AnnotationLevel = 'error' | 'warning'

/** One annotation to emit. */
export interface Annotation {
  level: AnnotationLevel
  message: string
  target: AnnotationTarget
  /** Lower sorts first: 0 regressions, 1 failed runs, 2 unreadable files. */
  rank: number
  /** Within a rank, larger sorts first (the relative change, the failure count). */
  weight: number
}

/** Collects every annotation the report calls for, in order of importance per level. */
export function collectAnnotations(head: Analysis, comparison: Comparison): Annotation[] {
  const annotations: Annotation[] = []

  for (const entry of comparison.entries) {
    if (entry.state === 'regression') annotations.push(regressionAnnotation(entry))
    else if (entry.state === 'failed' && entry.failsJob) annotations.push(failedEntryAnnotation(entry))
  }

  for (const group of head.failures) {
    annotations.push({
      level: 'warning',
      message: `${group.failed} of ${group.total} runs failed${group.seriesKey === '' ? '' : ` in ${group.seriesKey}`}: ${group.topError}` +
        (group.topErrorCount < group.failed ? ` (${group.topErrorCount} of them with this error)` : ''),
      target: { file: group.path, startLine: group.line, title: 'Failed benchmark runs' },
      rank: 1,
      weight: group.failed
    })
  }

  const fileProblems: Annotation[] = []
  for (const skipped of head.inventory.skipped) {
    fileProblems.push({
      level: 'warning',
      message: `File skipped: ${skipped.reason}`,
      target: { file: skipped.path, startLine: skipped.line, title: 'Unreadable artifact' },
      rank: 2,
      weight: 0
    })
  }
  for (const warning of head.warnings) {
    if (warning.line === undefined) continue
    fileProblems.push({
      level: 'warning',
      message: warning.message,
      target: { file: warning.path, startLine: warning.line, title: 'Artifact parse warning' },
      rank: 2,
      weight: 0
    })
  }
  fileProblems.sort((a, b) => (a.target.file ?? '').localeCompare(b.target.file ?? '') || (a.target.startLine ?? 0) - (b.target.startLine ?? 0))
  annotations.push(...fileProblems)

  // A stable sort keeps the file order of equal entries.
  return annotations.sort((a, b) => a.rank - b.rank || compareDescending(a.weight, b.weight))
}

function compareDescending(a: number, b: number): number {
  if (a === b) return 0
  return a > b ? -1 : 1
}

/**
 * Emits the annotations through `log`, at most `limits[level]` per level (default 10);
 * the last slot of a full level counts the ones left out. Returns how many were left
 * out per level.
 */
export function emitAnnotations(
  annotations: readonly Annotation[],
  log: Logger,
  limits: Partial<Record<AnnotationLevel, number>> = {}
): Record<AnnotationLevel, number> {
  const omitted: Record<AnnotationLevel, number> = { error: 0, warning: 0 }
  for (const level of ['error', 'warning'] as const) {
    const ofLevel = annotations.filter(annotation => annotation.level === level)
    const limit = Math.max(0, limits[level] ?? ANNOTATIONS_PER_LEVEL)
    const shown = ofLevel.length <= limit ? ofLevel : ofLevel.slice(0, Math.max(0, limit - 1))
    for (const annotation of shown) log[level](annotation.message, annotation.target)

    omitted[level] = ofLevel.length - shown.length
    if (omitted[level] > 0 && limit > 0) {
      const noun = level === 'error' ? 'errors' : 'warnings'
      log[level](`${omitted[level]} more ${noun} about benchmark files are not shown as annotations; the job summary lists them all.`, {
        title: `${omitted[level]} more benchmark ${noun}`
      })
    }
  }
  return omitted
}

function regressionAnnotation(entry: SeriesComparison): Annotation {
  const change = entry.changes[0]
  const series = describeSeries(entry)
  const detail =
    change === undefined
      ? ''
      : `: ${change.statistic} ${formatWithUnit(change.base, entry.metric.unit)} → ${formatWithUnit(change.head, entry.metric.unit)} ` +
        `(${formatChange(change.change)}, threshold ${formatChange(change.threshold)})`
  return {
    level: entry.failsJob ? 'error' : 'warning',
    message: `Regression in ${series}${detail}`,
    target: { file: entry.headPath ?? undefined, startLine: entry.line, title: `${entry.metric.name} regression` },
    rank: 0,
    // A change from a zero base has no relative size; it sorts after the measured ones.
    weight: change?.change ?? Number.NEGATIVE_INFINITY
  }
}

function failedEntryAnnotation(entry: SeriesComparison): Annotation {
  return {
    level: 'error',
    message: `Benchmark failed in ${describeSeries(entry)}${entry.notes.length > 0 ? `: ${entry.notes.join('; ')}` : ''}`,
    target: { file: entry.headPath ?? undefined, startLine: entry.line, title: 'Failed benchmark' },
    rank: 1,
    weight: entry.headN
  }
}

function describeSeries(entry: SeriesComparison): string {
  const series = entry.seriesKey === '' ? entry.benchmark : `${entry.benchmark} (${entry.seriesKey})`
  return `${series}, ${entry.metric.name}`
}
