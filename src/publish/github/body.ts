/**
 * Builds the comment body within GitHub's limit: the marker line, an optional preface,
 * then the report the renderer fits into the remaining characters.
 */

/** GitHub rejects comment bodies above this many characters with 422. */
export const COMMENT_LIMIT = 65_536

/**
 * Characters the whole body aims at, marker included. The margin below `COMMENT_LIMIT`
 * leaves room for a renderer that counts slightly differently from GitHub.
 */
export const COMMENT_TARGET_CHARS = 60_000

/** Renders the report part of the body in at most `maxChars` characters. */
export type BodyRenderer = (maxChars: number) => string

/** Builds the link to the run's page, whose job summary contains the full report; null without a run id. */
export function runSummaryUrl(serverUrl: string, repository: string, runId: string): string | null {
  if (runId === '' || repository === '') return null
  return `${serverUrl.replace(/\/+$/, '')}/${repository}/actions/runs/${runId}`
}

/** True when `body` is within GitHub's limit in characters and in UTF-8 bytes. */
export function fitsCommentLimit(body: string): boolean {
  return body.length <= COMMENT_LIMIT && Buffer.byteLength(body, 'utf8') <= COMMENT_LIMIT
}

/**
 * Joins marker, preface, rendered report and, unless the report already has it, the
 * link to the job summary. Multi-byte text can exceed the limit in bytes while it fits
 * in characters, so an oversized result is rendered once more with a budget scaled
 * down by the excess. If that is still too long, the body is a short note that links
 * to the job summary.
 */
export function composeCommentBody(marker: string, preface: string | null, render: BodyRenderer, summaryUrl: string | null): string {
  const head = preface === null ? `${marker}\n` : `${marker}\n${preface}\n\n`
  const link = summaryUrl === null ? '' : `\n\n[Full report in the job summary](${summaryUrl})\n`
  const compose = (report: string): string => (link === '' || report.includes(summaryUrl!) ? head + report : `${head}${report.trimEnd()}${link}`)
  const budget = COMMENT_TARGET_CHARS - head.length - link.length

  const first = compose(render(budget))
  if (fitsCommentLimit(first)) return first

  const size = Math.max(first.length, Buffer.byteLength(first, 'utf8'))
  const scaled = Math.floor(budget * (COMMENT_TARGET_CHARS / size))
  const second = compose(render(scaled))
  if (fitsCommentLimit(second)) return second

  const where = summaryUrl === null ? 'the job summary of this run' : `the [job summary](${summaryUrl})`
  return `${head}The benchmark report is too long for a pull request comment. Read it in ${where}.\n`
}
