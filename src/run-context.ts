/**
 * Reads the workflow run's details from the environment
 * variables that GitHub sets and from the event payload at `GITHUB_EVENT_PATH`.
 */
import { readFileSync } from 'node:fs'
import type { RunContext } from './publish/index.js'

/** The run as the pipeline needs it: the publish context plus the paths and the baseline hints. */
export interface RunEnvironment {
  run: RunContext
  /** Absolute workspace root (`GITHUB_WORKSPACE`, else the current directory). */
  workspace: string
  /** Folder for temporary files (`RUNNER_TEMP`, else the OS temp folder). */
  tempDirectory: string
  /** `pull_request.base.sha` of a pull request event. */
  baseSha: string | null
  /** `repository.default_branch` from the payload. */
  defaultBranch: string | null
  /** Workflow and job name, the default comment key. */
  defaultCommentKey: string
}

interface EventPayload {
  pull_request?: {
    number?: number
    base?: { sha?: string; repo?: { full_name?: string } }
    head?: { sha?: string; repo?: { full_name?: string } | null }
  }
  repository?: { default_branch?: string; full_name?: string }
}

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment'])

/**
 * Reads the run from environment variables. `prNumber` is the event's pull request;
 * on `workflow_dispatch` the caller fills it from the `pr-number` input.
 */
export function readRunEnvironment(env: NodeJS.ProcessEnv, tempFallback: string): RunEnvironment {
  const eventName = env.GITHUB_EVENT_NAME ?? ''
  const payload = readPayload(env.GITHUB_EVENT_PATH)
  const pullRequest = PULL_REQUEST_EVENTS.has(eventName) ? payload.pull_request : undefined

  const baseRepository = pullRequest?.base?.repo?.full_name ?? null
  // A deleted fork leaves `head.repo` null; the token is read-only then as well.
  const headRepository = pullRequest === undefined ? null : (pullRequest.head?.repo?.full_name ?? '')
  const fromFork = pullRequest !== undefined && headRepository !== baseRepository

  const workflow = env.GITHUB_WORKFLOW ?? ''
  const job = env.GITHUB_JOB ?? ''
  const run: RunContext = {
    eventName,
    repository: env.GITHUB_REPOSITORY ?? payload.repository?.full_name ?? '',
    serverUrl: env.GITHUB_SERVER_URL ?? 'https://github.com',
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    runId: env.GITHUB_RUN_ID ?? '',
    workflow,
    job,
    sha: env.GITHUB_SHA ?? '',
    prNumber: pullRequest?.number ?? null,
    fromFork,
    summaryPath: env.GITHUB_STEP_SUMMARY || null
  }

  return {
    run,
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    tempDirectory: env.RUNNER_TEMP || tempFallback,
    baseSha: pullRequest?.base?.sha ?? null,
    defaultBranch: payload.repository?.default_branch ?? null,
    defaultCommentKey: [workflow, job].filter(part => part !== '').join('/') || 'ollama-benchmark-report'
  }
}

function readPayload(path: string | undefined): EventPayload {
  if (path === undefined || path === '') return {}
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as EventPayload
  } catch (error) {
    throw new Error(`Failed to read the event payload at GITHUB_EVENT_PATH=${path}: ${(error as Error).message}`)
  }
}
