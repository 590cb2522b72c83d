/**
 * Builders for end-to-end scenarios: a pull request as two commits in a temporary
 * git repository, and the `pull_request` event a runner would write for it.
 */
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { createTempRepository, type TempRepository } from './action-runner.js'

export interface PullRequestRepository {
  repository: TempRepository
  baseSha: string
  headSha: string
}

/**
 * Commits `base` (a folder, or nothing) as the base branch and then replaces the tree
 * with `head` as the pull request's commit. Leaves the pull request checked out.
 */
export function pullRequestRepository(head: string, base: string | null): PullRequestRepository {
  const repository = createTempRepository()
  if (base !== null && existsSync(base)) cpSync(base, repository.path, { recursive: true, verbatimSymlinks: true })
  const baseSha = repository.commitAll('Base branch', '2025-10-09T08:00:00Z')
  for (const entry of readdirSync(repository.path)) {
    if (entry !== '.git') rmSync(join(repository.path, entry), { recursive: true, force: true })
  }
  cpSync(head, repository.path, { recursive: true, verbatimSymlinks: true })
  const headSha = repository.commitAll('Pull request', '2025-10-10T08:00:00Z')
  return { repository, baseSha, headSha }
}

export interface PullRequestEventOptions {
  number?: number
  repository?: string
  /** Repository of the head branch; differs from `repository` for a fork. */
  headRepository?: string
}

/** The `pull_request` payload GitHub writes to GITHUB_EVENT_PATH (the fields the action reads). */
export function pullRequestEvent(baseSha: string, headSha: string, options: PullRequestEventOptions = {}): object {
  const repository = options.repository ?? 'owner-org/project'
  const number = options.number ?? 7
  return {
    action: 'synchronize',
    number,
    pull_request: {
      number,
      head: { ref: 'feature', sha: headSha, repo: { full_name: options.headRepository ?? repository, fork: options.headRepository !== undefined } },
      base: { ref: 'main', sha: baseSha, repo: { full_name: repository, fork: false } }
    },
    repository: { full_name: repository, default_branch: 'main' }
  }
}
