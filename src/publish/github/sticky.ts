/**
 * Finds this job's sticky comment on a pull request.
 *
 * A comment is ours when its first line is `stickyMarker(commentKey)` AND the token's
 * own identity wrote it, so a person who quotes the marker never has their comment
 * edited. The identity comes from `GET /user`, which works for personal access tokens.
 * An installation token, such as the workflow's `GITHUB_TOKEN` or a GitHub App token,
 * gets 403 there. Its comments are written by a bot account (`github-actions[bot]` for
 * `GITHUB_TOKEN`, `<app-slug>[bot]` for an app), so then any author of type `Bot` counts.
 * People's accounts have type `User`, so the rule still never matches a human comment.
 */
import type { GitHubClient } from './client.js'

/** Login that GitHub shows for comments written with the workflow's `GITHUB_TOKEN`. */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]'

/** Whose comments the token may treat as its own. */
export interface TokenIdentity {
  login: string
  /** True for an installation token, whose comments are matched by the author type `Bot`. */
  installation: boolean
}

/** The fields of an issue comment that the lookup reads. */
export interface IssueComment {
  id: number
  body?: string | null
  user: { login: string; type?: string } | null
  created_at: string
  html_url: string
}

/** Repository and number of a pull request. */
export interface PullRequestTarget {
  owner: string
  repo: string
  number: number
}

/** Reads the token's identity from `GET /user`; a 403 there means an installation token. */
export async function readTokenIdentity(client: GitHubClient): Promise<TokenIdentity> {
  try {
    const { data } = await client.rest.users.getAuthenticated()
    return { login: data.login, installation: false }
  } catch (error) {
    if (statusOf(error) === 403) return { login: ACTIONS_BOT_LOGIN, installation: true }
    throw error
  }
}

/** True when `identity` wrote `comment`. */
export function isOwnComment(comment: IssueComment, identity: TokenIdentity): boolean {
  if (comment.user === null) return false
  if (comment.user.login === identity.login) return true
  return identity.installation && comment.user.type === 'Bot'
}

/** True when the comment body's first line is exactly `marker`. */
export function startsWithMarker(body: string | null | undefined, marker: string): boolean {
  if (body === null || body === undefined) return false
  const firstLine = body.split(/\r?\n/, 1)[0]
  return firstLine.trim() === marker
}

/** Selects the sticky comments among `comments`, oldest first (by creation time, then id). */
export function selectStickyComments(comments: readonly IssueComment[], marker: string, identity: TokenIdentity): IssueComment[] {
  return comments
    .filter(comment => startsWithMarker(comment.body, marker) && isOwnComment(comment, identity))
    .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id)
}

/** Lists every comment of the pull request, all pages, 100 per page. */
export async function listAllComments(client: GitHubClient, target: PullRequestTarget): Promise<IssueComment[]> {
  return client.paginate(client.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.number,
    per_page: 100
  })
}

/** HTTP status of an Octokit request error, or null for other errors. */
export function statusOf(error: unknown): number | null {
  if (typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number') return error.status
  return null
}
