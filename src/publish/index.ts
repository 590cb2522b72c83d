/**
 * Publish stage: renders the report and the metrics JSON, writes the job summary,
 * the files and the outputs, maintains the sticky pull request comment, and emits
 * annotations.
 */
import type { Analysis } from '../analyze/types.js'
import type { Comparison } from '../compare/types.js'
import type { Narrative } from '../narrate/types.js'
import type { PublishedNarrative } from '../narrate/index.js'
import type { Settings } from '../settings/index.js'
import type { Logger } from '../logger.js'
import { publishReportFiles, readNarrative } from './publish-report.js'
import { renderReport as renderReportMarkdown, type RenderOptions } from './report/index.js'

/** Details of the workflow run that the publish stage uses. */
export interface RunContext {
  eventName: string
  /** `owner/name`. */
  repository: string
  serverUrl: string
  apiUrl: string
  runId: string
  workflow: string
  job: string
  sha: string
  /** Pull request number from the event or the `pr-number` input; null when there is none. */
  prNumber: number | null
  /** True when the pull request comes from a fork, so the token is read-only. */
  fromFork: boolean
  /** Path of the job summary file (`GITHUB_STEP_SUMMARY`), null outside a runner. */
  summaryPath: string | null
}

/** Everything the report is rendered from. */
export interface ReportModel {
  head: Analysis
  comparison: Comparison
  narrative: Narrative
  settings: Settings
  run: RunContext
}

export interface PublishResult {
  reportPath: string
  metricsPath: string
  commentId: number | null
  commentUrl: string | null
}

/**
 * Renders the full Markdown report, as the job summary and the command-line preview show it. Deterministic.
 * `options.maxBytes` caps its size (default under GitHub's 1 MiB job summary limit).
 */
export function renderReport(model: ReportModel, options?: RenderOptions): string {
  return renderReportMarkdown(model, options)
}

/** Reads the narrative and facts hash from this job's sticky comment, when there is one. */
export async function readPublishedNarrative(settings: Settings, run: RunContext, log: Logger): Promise<PublishedNarrative | null> {
  return readNarrative(settings, run, log)
}

/** Writes report.md, metrics.json, the job summary, the comment, annotations and outputs. Never throws for GitHub API faults. */
export async function publishReport(model: ReportModel, log: Logger): Promise<PublishResult> {
  return publishReportFiles(model, log)
}
