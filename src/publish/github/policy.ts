/**
 * Decides whether this run writes the pull request comment, and on which pull request.
 *
 * The pull request: on pull request events, the event's; on `workflow_dispatch`, the
 * `pr-number` input; on `push`, none. On any other event (`workflow_run`, `schedule`)
 * only `comment: always` comments, on the pull request the `pr-number` input names.
 */
import type { Comparison } from '../../compare/types.js'
import type { PublishSettings } from '../../settings/index.js'
import type { RunContext } from '../index.js'

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment'])

/** The outcome: write (and how), or skip with the reason and whether it deserves a warning. */
export type CommentDecision =
  | {
      kind: 'write'
      prNumber: number
      /** False when only an existing comment may be updated. */
      createIfMissing: boolean
      /** True when `on-regression` updates an old comment because the regression is gone. */
      regressionGone: boolean
    }
  | { kind: 'skip'; reason: string; warn: boolean }

/** Returns the pull request this run reports on, or null when it has none. */
export function resolvePullRequest(publish: Readonly<PublishSettings>, run: RunContext): number | null {
  if (run.eventName === 'push') return null
  if (PULL_REQUEST_EVENTS.has(run.eventName)) return run.prNumber
  if (run.eventName === 'workflow_dispatch' || publish.comment === 'always') return publish.prNumber ?? run.prNumber
  return null
}

/** True when the comparison has a regression or fails the gate. */
export function hasRegression(comparison: Comparison): boolean {
  return comparison.failed || comparison.counts.regression > 0
}

/** Decides the comment from the `comment` input, the event and the verdict. */
export function decideComment(publish: Readonly<PublishSettings>, run: RunContext, comparison: Comparison): CommentDecision {
  if (publish.comment === 'never') return { kind: 'skip', reason: 'the comment input is never', warn: false }

  const prNumber = resolvePullRequest(publish, run)
  if (prNumber === null) {
    const reason =
      run.eventName === 'workflow_dispatch'
        ? 'a workflow_dispatch run without the pr-number input has no pull request'
        : `a ${run.eventName || 'run without an event name'} event has no pull request to comment on`
    return { kind: 'skip', reason, warn: false }
  }

  // A fork's pull_request workflow always gets a read-only token; pull_request_target gets
  // a write token, so only there the call is still tried.
  if (run.fromFork && run.eventName !== 'pull_request_target') {
    return {
      kind: 'skip',
      reason:
        `pull request #${prNumber} comes from a fork, and GitHub gives workflows of fork pull requests a read-only token, ` +
        'so the comment was skipped',
      warn: true
    }
  }

  if (publish.token === '') {
    return { kind: 'skip', reason: 'the github-token input is empty, so the comment was skipped', warn: true }
  }

  if (publish.comment === 'on-regression' && !hasRegression(comparison)) {
    return { kind: 'write', prNumber, createIfMissing: false, regressionGone: true }
  }
  return { kind: 'write', prNumber, createIfMissing: true, regressionGone: false }
}
