/**
 * Creates, updates or recreates the sticky comment.
 *
 * When several of our comments carry the marker (two runs raced to create the first
 * one), the oldest is kept and updated, because it sits where reviewers first saw the
 * report, and the later duplicates are deleted. No run ever adds a comment while one
 * of ours exists. A `concurrency` group per pull request in the workflow keeps two
 * runs from racing in the first place.
 */
import type { CommentMode } from '../../settings/index.js'
import type { GitHubClient } from './client.js'
import { listAllComments, readTokenIdentity, selectStickyComments, statusOf, type IssueComment, type PullRequestTarget } from './sticky.js'

/** Action taken on the comment. */
export type CommentAction = 'created' | 'updated' | 'unchanged' | 'recreated' | 'not-needed'

export interface CommentOutcome {
  action: CommentAction
  /** The comment that now contains the report; null when none was needed. */
  comment: { id: number; url: string } | null
  /** Ids of older sticky comments deleted as duplicates or by `recreate`. */
  deleted: number[]
  /** Duplicates that could not be deleted, with the reason. */
  undeleted: { id: number; reason: string }[]
}

export interface StickyCommentRequest {
  target: PullRequestTarget
  /** `stickyMarker(commentKey)`; the body must start with it. */
  marker: string
  body: string
  mode: CommentMode
  /** False to only update an existing comment, as `comment: on-regression` does once the regression is gone. */
  createIfMissing: boolean
}

/** A failed API call during the comment update, with the call that failed. */
export class CommentRequestError extends Error {
  constructor(
    /** The call, such as `PATCH comment 1033`. */
    readonly request: string,
    /** HTTP status of GitHub's response; null for a network error. */
    readonly status: number | null,
    cause: unknown
  ) {
    super(`${request} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause })
    this.name = 'CommentRequestError'
  }
}

/** Writes the sticky comment in the way `request.mode` selects. Throws `CommentRequestError` when a required call fails. */
export async function writeStickyComment(client: GitHubClient, request: StickyCommentRequest): Promise<CommentOutcome> {
  const { target } = request
  const identity = await call('GET /user', () => readTokenIdentity(client))
  const comments = await call(`GET comments of #${target.number}`, () => listAllComments(client, target))
  const sticky = selectStickyComments(comments, request.marker, identity)

  if (sticky.length === 0) {
    if (!request.createIfMissing) return { action: 'not-needed', comment: null, deleted: [], undeleted: [] }
    const created = await createComment(client, target, request.body)
    return { action: 'created', comment: created, deleted: [], undeleted: [] }
  }

  if (request.mode === 'recreate') return recreate(client, request, comments, sticky)

  const [oldest, ...duplicates] = sticky
  let action: CommentAction = 'unchanged'
  if (normalizeBody(oldest.body) !== normalizeBody(request.body)) {
    await call(`PATCH comment ${oldest.id}`, () =>
      client.rest.issues.updateComment({ owner: target.owner, repo: target.repo, comment_id: oldest.id, body: request.body })
    )
    action = 'updated'
  }
  const cleanup = await deleteComments(client, target, duplicates)
  return { action, comment: { id: oldest.id, url: oldest.html_url }, ...cleanup }
}

/** Posts the new comment, then deletes the old ones, so a failed post never leaves the pull request without a report. */
async function recreate(
  client: GitHubClient,
  request: StickyCommentRequest,
  comments: IssueComment[],
  sticky: IssueComment[]
): Promise<CommentOutcome> {
  const latest = comments[comments.length - 1]
  const [oldest] = sticky
  // Nothing to move when the only sticky comment is already the last one and has the same body.
  if (sticky.length === 1 && latest.id === oldest.id && normalizeBody(oldest.body) === normalizeBody(request.body)) {
    return { action: 'unchanged', comment: { id: oldest.id, url: oldest.html_url }, deleted: [], undeleted: [] }
  }
  const created = await createComment(client, request.target, request.body)
  const cleanup = await deleteComments(client, request.target, sticky)
  return { action: 'recreated', comment: created, ...cleanup }
}

async function createComment(client: GitHubClient, target: PullRequestTarget, body: string): Promise<{ id: number; url: string }> {
  const { data } = await call(`POST comment on #${target.number}`, () =>
    client.rest.issues.createComment({ owner: target.owner, repo: target.repo, issue_number: target.number, body })
  )
  return { id: data.id, url: data.html_url }
}

/** Deletes comments one by one; a comment already gone (404) counts as deleted. */
async function deleteComments(
  client: GitHubClient,
  target: PullRequestTarget,
  comments: IssueComment[]
): Promise<{ deleted: number[]; undeleted: { id: number; reason: string }[] }> {
  const deleted: number[] = []
  const undeleted: { id: number; reason: string }[] = []
  for (const comment of comments) {
    try {
      await client.rest.issues.deleteComment({ owner: target.owner, repo: target.repo, comment_id: comment.id })
      deleted.push(comment.id)
    } catch (error) {
      if (statusOf(error) === 404) {
        deleted.push(comment.id)
      } else {
        undeleted.push({ id: comment.id, reason: error instanceof Error ? error.message : String(error) })
      }
    }
  }
  return { deleted, undeleted }
}

async function call<T>(request: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    throw new CommentRequestError(request, statusOf(error), error)
  }
}

/** GitHub may store a body with CRLF line ends; compare without them. */
function normalizeBody(body: string | null | undefined): string {
  return (body ?? '').replace(/\r\n/g, '\n')
}
