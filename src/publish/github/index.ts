/**
 * The publish stage's GitHub side: the sticky pull request comment, and reading back
 * the narrative it holds. API faults never throw from here; each run logs at most
 * one warning about the comment, and the job's result never depends on it.
 */
import type { Comparison } from '../../compare/types.js'
import type { Logger } from '../../logger.js'
import type { PublishedNarrative } from '../../narrate/index.js'
import type { PublishSettings } from '../../settings/index.js'
import type { RunContext } from '../index.js'
import { extractNarrative, stickyMarker } from '../markers.js'
import { composeCommentBody, runSummaryUrl } from './body.js'
import type { GitHubClient } from './client.js'
import { CommentRequestError, writeStickyComment, type CommentOutcome } from './comment.js'
import { decideComment, resolvePullRequest } from './policy.js'
import { MAX_RETRIES } from './retries.js'
import { listAllComments, readTokenIdentity, selectStickyComments, type PullRequestTarget } from './sticky.js'

export { MAX_RETRIES } from './retries.js'
export { COMMENT_LIMIT, COMMENT_TARGET_CHARS, composeCommentBody, fitsCommentLimit, runSummaryUrl } from './body.js'
export { decideComment, hasRegression, resolvePullRequest, type CommentDecision } from './policy.js'
export { ACTIONS_BOT_LOGIN, selectStickyComments, type IssueComment, type TokenIdentity } from './sticky.js'

/** Renders the report part of the comment for a budget of characters and the run's link. */
export type CommentRenderer = (options: { maxChars: number; summaryUrl: string | null }) => string

export interface CommentContext {
  publish: Readonly<PublishSettings>
  run: RunContext
  comparison: Comparison
  render: CommentRenderer
  /** Location of the full report that messages name when the comment fails, such as "the job summary". */
  reportLocation: string
}

export interface CommentResult {
  commentId: number | null
  commentUrl: string | null
  outcome: CommentOutcome | null
}

const NO_COMMENT: CommentResult = { commentId: null, commentUrl: null, outcome: null }

/** Writes or updates the sticky comment when the settings and the event call for it. Never throws. */
export async function publishComment(context: CommentContext, log: Logger): Promise<CommentResult> {
  const { publish, run } = context
  const decision = decideComment(publish, run, context.comparison)
  if (decision.kind === 'skip') {
    const message = `Pull request comment: ${decision.reason}. The full report is in ${context.reportLocation}.`
    if (decision.warn) log.warning(message)
    else log.info(message)
    return NO_COMMENT
  }

  const target = parseTarget(run.repository, decision.prNumber)
  if (target === null) {
    log.warning(`Pull request comment skipped: the repository '${run.repository}' is not in owner/name form. The full report is in ${context.reportLocation}.`)
    return NO_COMMENT
  }

  const marker = stickyMarker(publish.commentKey)
  const summaryUrl = runSummaryUrl(run.serverUrl, run.repository, run.runId)
  const preface = decision.regressionGone
    ? `**No regression in the latest run${run.sha === '' ? '' : ` (commit ${run.sha.slice(0, 7)})`}.** The regression reported here before is gone.`
    : null

  try {
    const body = composeCommentBody(marker, preface, maxChars => context.render({ maxChars, summaryUrl }), summaryUrl)
    const client = await connect(publish, run, log)
    const outcome = await writeStickyComment(client, {
      target,
      marker,
      body,
      mode: publish.commentMode,
      createIfMissing: decision.createIfMissing
    })
    logOutcome(outcome, target, log)
    return { commentId: outcome.comment?.id ?? null, commentUrl: outcome.comment?.url ?? null, outcome }
  } catch (error) {
    log.warning(describeCommentFailure(error, target, run, context.reportLocation))
    return NO_COMMENT
  }
}

/**
 * Reads the narrative from this job's sticky comment (the oldest one, as `publishComment`
 * keeps). Returns null when there is no comment, on a run without a pull request, and on
 * any API failure, which it logs.
 */
export async function readNarrativeFromComment(publish: Readonly<PublishSettings>, run: RunContext, log: Logger): Promise<PublishedNarrative | null> {
  if (publish.comment === 'never' || publish.token === '') return null
  const prNumber = resolvePullRequest(publish, run)
  if (prNumber === null) return null
  const target = parseTarget(run.repository, prNumber)
  if (target === null) return null

  try {
    const client = await connect(publish, run, log)
    const identity = await readTokenIdentity(client)
    const comments = await listAllComments(client, target)
    const [sticky] = selectStickyComments(comments, stickyMarker(publish.commentKey), identity)
    if (sticky === undefined) {
      log.info(`No earlier report comment on pull request #${prNumber}, so there is no narrative to reuse.`)
      return null
    }
    const narrative = extractNarrative(sticky.body ?? '')
    log.info(
      narrative === null
        ? `Report comment ${sticky.id} holds no narrative to reuse.`
        : `Read the narrative of report comment ${sticky.id} (facts ${narrative.factsHash.slice(0, 12)}).`
    )
    return narrative
  } catch (error) {
    log.info(`Cannot read the earlier report comment on pull request #${prNumber}, so the narrative is written anew: ${messageOf(error)}`)
    return null
  }
}

/**
 * Creates the Octokit client. Its module is loaded on the first call, so a run that
 * never calls GitHub's API (no comment, no narrative to reuse) does not load
 * `@actions/github` and its HTTP stack at start-up.
 */
async function connect(publish: Readonly<PublishSettings>, run: RunContext, log: Logger): Promise<GitHubClient> {
  const { createGitHubClient } = await import('./client.js')
  return createGitHubClient(publish.token, run.apiUrl, log)
}

function parseTarget(repository: string, number: number): PullRequestTarget | null {
  const match = /^([^/\s]+)\/([^/\s]+)$/.exec(repository)
  return match === null ? null : { owner: match[1], repo: match[2], number }
}

function logOutcome(outcome: CommentOutcome, target: PullRequestTarget, log: Logger): void {
  const where = `pull request #${target.number}`
  switch (outcome.action) {
    case 'created':
      log.info(`Posted the report comment ${outcome.comment?.url ?? ''} on ${where}.`)
      break
    case 'updated':
      log.info(`Updated the report comment ${outcome.comment?.url ?? ''} on ${where}.`)
      break
    case 'recreated':
      log.info(`Posted the report comment ${outcome.comment?.url ?? ''} on ${where} and deleted the earlier one.`)
      break
    case 'unchanged':
      log.info(`The report comment ${outcome.comment?.url ?? ''} on ${where} is unchanged; nothing written.`)
      break
    case 'not-needed':
      log.info(`No regression and no earlier report comment on ${where}, so none was posted (comment: on-regression).`)
      break
  }
  if (outcome.deleted.length > 0) log.info(`Deleted earlier report comments ${outcome.deleted.join(', ')} on ${where}.`)
  if (outcome.undeleted.length > 0) {
    const list = outcome.undeleted.map(entry => `${entry.id} (${entry.reason})`).join(', ')
    log.warning(`The report comment on ${where} is up to date, but the earlier duplicates could not be deleted: ${list}.`)
  }
}

/** Builds the one warning that names the failed call, the reason and the fix. */
export function describeCommentFailure(error: unknown, target: PullRequestTarget, run: RunContext, reportLocation: string): string {
  const status = error instanceof CommentRequestError ? error.status : null
  const request = error instanceof CommentRequestError ? error.request : 'the comment update'
  const cause = error instanceof CommentRequestError ? messageOf(error.cause) : messageOf(error)
  const lead = `Pull request comment on #${target.number} skipped: ${request} failed with ${status === null ? 'an error' : `HTTP ${status}`} (${cause}).`
  const tail = `The full report is in ${reportLocation}; the job's result does not depend on the comment.`

  let hint: string
  if (status === 403 && /rate limit/i.test(cause)) {
    hint = `GitHub's rate limit still applied after ${MAX_RETRIES} retries.`
  } else if (status === 403 && run.fromFork) {
    hint = 'The pull request comes from a fork, so the workflow token is read-only.'
  } else if (status === 403) {
    hint = 'The token cannot write pull request comments: add `permissions: pull-requests: write` to the workflow or job.'
  } else if (status === 401) {
    hint = 'GitHub rejected the token: check the github-token input.'
  } else if (status === 404) {
    hint = `Check that pull request #${target.number} exists in ${target.owner}/${target.repo} and that the token can read it.`
  } else if (status === 422) {
    hint = 'GitHub rejected the request as invalid.'
  } else if (status === null || status >= 500) {
    hint = `The request still failed after ${MAX_RETRIES} retries.`
  } else {
    hint = ''
  }
  return [lead, hint, tail].filter(part => part !== '').join(' ')
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
