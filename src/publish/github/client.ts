/**
 * The Octokit client of the publish stage, with bounded retries for transient faults.
 *
 * `@octokit/plugin-retry` repeats 5xx responses and network errors; `@octokit/plugin-throttling`
 * waits out primary and secondary rate limits (403 or 429 with GitHub's rate-limit headers
 * or message). Both give up after `MAX_RETRIES` retries. Every other status (401, 403
 * without a rate limit, 404, 422) fails at once, so the caller can turn it into a warning.
 */
import { getOctokit } from '@actions/github'
import { defaults } from '@actions/github/lib/utils'
import { retry } from '@octokit/plugin-retry'
import { throttling, type ThrottlingOptions } from '@octokit/plugin-throttling'
import type { Logger } from '../../logger.js'
import { MAX_RETRIES } from './retries.js'

/** The client type, as `@actions/github` builds it (REST methods and `paginate`). */
export type GitHubClient = ReturnType<typeof getOctokit>

/**
 * Environment variable with the milliseconds that stand for one second of Octokit's
 * waits: the retry back-off (1 s, then 4 s), the `retry-after` of a rate limit, and
 * the plugin's spacing of writes (1 s) and of comment creation (3 s). Default 1000.
 * Tests against a stand-in server on 127.0.0.1 set it to 1, so a retried request and
 * a run with many writes take milliseconds.
 */
export const RETRY_UNIT_VARIABLE = 'OLLAMA_BENCHMARK_REPORT_RETRY_UNIT_MS'

/** Maximum rate-limit wait, in seconds, that the client waits out instead of giving up. */
const MAX_RATE_LIMIT_WAIT_SECONDS = 120

/**
 * Time limit of one attempt, in milliseconds. Without it a stalled connection waits for
 * undici's 300 s header timeout, and the retries triple that.
 */
export const REQUEST_TIMEOUT_MS = 30_000

export interface ClientOptions {
  /** Time limit of one attempt in milliseconds; default `REQUEST_TIMEOUT_MS`. */
  requestTimeoutMs?: number
  /** Environment to read `RETRY_UNIT_VARIABLE` from; default `process.env`. */
  environment?: NodeJS.ProcessEnv
}

/** Creates a client for `apiUrl` that retries transient faults at most `MAX_RETRIES` times. */
export function createGitHubClient(token: string, apiUrl: string, log: Logger, options: ClientOptions = {}): GitHubClient {
  const unitMs = readRetryUnit(options.environment ?? process.env)
  const timeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS

  const onLimit =
    (kind: string) =>
    (retryAfter: number, options: { method?: string; url?: string }, _octokit: unknown, retryCount: number): boolean => {
      const request = `${options.method ?? ''} ${options.url ?? ''}`.trim()
      if (retryCount >= MAX_RETRIES || retryAfter > MAX_RATE_LIMIT_WAIT_SECONDS) {
        log.info(`GitHub ${kind} rate limit on ${request}: giving up after ${retryCount} retries (retry-after ${retryAfter} s).`)
        return false
      }
      log.info(`GitHub ${kind} rate limit on ${request}: retrying after ${retryAfter} s (retry ${retryCount + 1} of ${MAX_RETRIES}).`)
      return true
    }

  const throttle: ThrottlingOptions = {
    onRateLimit: onLimit('primary'),
    onSecondaryRateLimit: onLimit('secondary'),
    retryAfterBaseValue: unitMs,
    fallbackSecondaryRateRetryAfter: 60
  }
  if (unitMs < 1000) {
    // The plugin spaces writes with Bottleneck groups of fixed delays (1 s, and 3 s for
    // comment creation) shared by every client in the process. These stand-ins run each
    // write at once, so a shortened unit shortens the spacing too.
    const unspaced = { key: () => ({ schedule: <T>(_options: unknown, task: () => Promise<T>) => task() }) }
    Object.assign(throttle, { write: unspaced, notifications: unspaced })
  }

  return getOctokit(
    token,
    {
      baseUrl: apiUrl.replace(/\/+$/, ''),
      request: { ...defaults.request, fetch: withTimeout(defaults.request?.fetch ?? globalThis.fetch, timeoutMs) },
      log: {
        debug: (message: string) => log.debug(message),
        info: (message: string) => log.debug(message),
        warn: (message: string) => log.info(message),
        error: (message: string) => log.info(message)
      },
      // Only the throttling plugin retries rate limits (429 included), so the two plugins never both retry one response.
      retry: { retries: MAX_RETRIES, retryAfterBaseValue: unitMs, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
      throttle
    },
    retry,
    throttling
  )
}

/** Wraps `fetch` (the runner's proxy-aware one from `@actions/github`) so each attempt times out on its own. */
function withTimeout(fetch: typeof globalThis.fetch, timeoutMs: number): typeof globalThis.fetch {
  return (input, init) => fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) })
}

function readRetryUnit(environment: NodeJS.ProcessEnv): number {
  const text = environment[RETRY_UNIT_VARIABLE]
  if (text === undefined || text.trim() === '') return 1000
  const value = Number(text)
  return Number.isFinite(value) && value >= 0 ? value : 1000
}
