/**
 * Writes everything the publish stage produces, in an order that keeps the report
 * available whatever fails later: report.md and metrics.json, the job summary, the
 * pull request comment, the annotations, and last the outputs (they include the
 * comment id).
 */
import { appendFile, mkdir, stat, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { CountingLogger, type Logger } from '../logger.js'
import type { PublishedNarrative } from '../narrate/index.js'
import type { Settings } from '../settings/index.js'
import { collectAnnotations, emitAnnotations, ANNOTATIONS_PER_LEVEL } from './annotations.js'
import { publishComment, readNarrativeFromComment } from './github/index.js'
import type { PublishResult, ReportModel, RunContext } from './index.js'
import { writeMetricsDocument } from './metrics-json.js'
import { setOutputs } from './outputs.js'
import { fitSummary, indexReport, JOB_SUMMARY_MAX_BYTES, renderCommentBody, renderReport, type ReportIndex } from './report/index.js'

/** Minimum free room in the job summary, in bytes, for a shortened report (the verdict and a note). */
const MIN_SUMMARY_BYTES = 4096

/** Implements `publishReport` of the stage's index. */
export async function publishReportFiles(model: ReportModel, log: Logger): Promise<PublishResult> {
  // Counts every warning and error of the step when main passes its counting logger, else this stage's own.
  const counting = log instanceof CountingLogger ? log : new CountingLogger(log)
  const directory = resolve(model.settings.publish.reportDirectory)
  await mkdir(directory, { recursive: true })

  // Built once for the report, metrics.json, the job summary and the comment.
  const index = indexReport(model)
  const report = renderReport(model, {}, index)
  const reportPath = join(directory, 'report.md')
  const metricsPath = join(directory, 'metrics.json')
  await writeFile(reportPath, report, 'utf8')
  await writeMetricsDocument(model, metricsPath, index)
  log.info(`Wrote ${reportPath} and ${metricsPath}.`)

  const summaryWritten = await writeJobSummary(model, report, reportPath, counting, index)
  const reportLocation = summaryWritten ? 'the job summary' : reportPath

  const comment = await publishComment(
    {
      publish: model.settings.publish,
      run: model.run,
      comparison: model.comparison,
      render: options => renderCommentBody(model, options, index),
      reportLocation
    },
    counting
  )

  // Warnings already logged in this step use up part of GitHub's 10 per level, and a
  // failing gate adds one error through setFailed after this.
  const failureError = model.comparison.failed || model.settings.narrate.mode === 'required' ? 1 : 0
  emitAnnotations(collectAnnotations(model.head, model.comparison), log, {
    warning: ANNOTATIONS_PER_LEVEL - counting.warnings,
    error: ANNOTATIONS_PER_LEVEL - counting.errors - failureError
  })

  setOutputs({
    reportPath,
    metricsPath,
    commentId: comment.commentId,
    commentUrl: comment.commentUrl,
    comparison: model.comparison,
    narrative: model.narrative
  })

  return { reportPath, metricsPath, commentId: comment.commentId, commentUrl: comment.commentUrl }
}

/** Implements `readPublishedNarrative` of the stage's index. */
export function readNarrative(settings: Settings, run: RunContext, log: Logger): Promise<PublishedNarrative | null> {
  return readNarrativeFromComment(settings.publish, run, log)
}

/**
 * Appends the report to the job summary file, as `core.summary.write()` does, within
 * what earlier steps' content leaves of GitHub's 1 MiB limit. Returns false when there
 * is no summary file or it cannot be written, which it logs as a warning.
 */
async function writeJobSummary(model: ReportModel, report: string, reportPath: string, log: Logger, index: ReportIndex): Promise<boolean> {
  const path = model.run.summaryPath
  if (path === null) {
    log.info('No job summary file (GITHUB_STEP_SUMMARY is unset), so the report is only in report.md.')
    return false
  }
  try {
    const used = await stat(path).then(
      info => info.size,
      () => 0
    )
    // One byte stays free for the line break that ends the appended text.
    const room = JOB_SUMMARY_MAX_BYTES - used - 1
    if (room < MIN_SUMMARY_BYTES) {
      log.warning(`The job summary ${path} already takes ${used} of GitHub's ${JOB_SUMMARY_MAX_BYTES} bytes, so the report was not added. It is in ${reportPath}.`)
      return false
    }
    const text = Buffer.byteLength(report, 'utf8') <= room ? report : fitSummary(model, room, index)
    await appendFile(path, text.endsWith('\n') ? text : `${text}\n`, 'utf8')
    return true
  } catch (error) {
    log.warning(`Failed to write the job summary ${path}: ${(error as Error).message}. The report is in ${reportPath}.`)
    return false
  }
}

