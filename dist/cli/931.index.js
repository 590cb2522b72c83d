export const id = 931;
export const ids = [931];
export const modules = {

/***/ 8931:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createGitHubClient: () => (/* binding */ createGitHubClient)
});

// UNUSED EXPORTS: REQUEST_TIMEOUT_MS, RETRY_UNIT_VARIABLE

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js
var github = __webpack_require__(1351);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/utils.js + 19 modules
var utils = __webpack_require__(5555);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(9735);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(6856);
;// CONCATENATED MODULE: ./src/publish/github/retries.ts
/**
 * Retries after the first attempt, per GitHub API request. It sits apart from
 * `client.ts` so that messages can name it without loading Octokit.
 */
const MAX_RETRIES = 2;

;// CONCATENATED MODULE: ./src/publish/github/client.ts
/**
 * The Octokit client of the publish stage, with bounded retries for transient faults.
 *
 * `@octokit/plugin-retry` repeats 5xx responses and network errors; `@octokit/plugin-throttling`
 * waits out primary and secondary rate limits (403 or 429 with GitHub's rate-limit headers
 * or message). Both give up after `MAX_RETRIES` retries. Every other status (401, 403
 * without a rate limit, 404, 422) fails at once, so the caller can turn it into a warning.
 */





/**
 * Environment variable with the milliseconds that stand for one second of Octokit's
 * waits: the retry back-off (1 s, then 4 s), the `retry-after` of a rate limit, and
 * the plugin's spacing of writes (1 s) and of comment creation (3 s). Default 1000.
 * Tests against a stand-in server on 127.0.0.1 set it to 1, so a retried request and
 * a run with many writes take milliseconds.
 */
const RETRY_UNIT_VARIABLE = 'OLLAMA_BENCHMARK_REPORT_RETRY_UNIT_MS';
/** Maximum rate-limit wait, in seconds, that the client waits out instead of giving up. */
const MAX_RATE_LIMIT_WAIT_SECONDS = 120;
/**
 * Time limit of one attempt, in milliseconds. Without it a stalled connection waits for
 * undici's 300 s header timeout, and the retries triple that.
 */
const REQUEST_TIMEOUT_MS = 30_000;
/** Creates a client for `apiUrl` that retries transient faults at most `MAX_RETRIES` times. */
function createGitHubClient(token, apiUrl, log, options = {}) {
    const unitMs = readRetryUnit(options.environment ?? process.env);
    const timeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
    const onLimit = (kind) => (retryAfter, options, _octokit, retryCount) => {
        const request = `${options.method ?? ''} ${options.url ?? ''}`.trim();
        if (retryCount >= MAX_RETRIES || retryAfter > MAX_RATE_LIMIT_WAIT_SECONDS) {
            log.info(`GitHub ${kind} rate limit on ${request}: giving up after ${retryCount} retries (retry-after ${retryAfter} s).`);
            return false;
        }
        log.info(`GitHub ${kind} rate limit on ${request}: retrying after ${retryAfter} s (retry ${retryCount + 1} of ${MAX_RETRIES}).`);
        return true;
    };
    const throttle = {
        onRateLimit: onLimit('primary'),
        onSecondaryRateLimit: onLimit('secondary'),
        retryAfterBaseValue: unitMs,
        fallbackSecondaryRateRetryAfter: 60
    };
    if (unitMs < 1000) {
        // The plugin spaces writes with Bottleneck groups of fixed delays (1 s, and 3 s for
        // comment creation) shared by every client in the process. These stand-ins run each
        // write at once, so a shortened unit shortens the spacing too.
        const unspaced = { key: () => ({ schedule: (_options, task) => task() }) };
        Object.assign(throttle, { write: unspaced, notifications: unspaced });
    }
    return (0,github/* getOctokit */.Q)(token, {
        baseUrl: apiUrl.replace(/\/+$/, ''),
        request: { ...utils/* defaults */.NT.request, fetch: withTimeout(utils/* defaults */.NT.request?.fetch ?? globalThis.fetch, timeoutMs) },
        log: {
            debug: (message) => log.debug(message),
            info: (message) => log.debug(message),
            warn: (message) => log.info(message),
            error: (message) => log.info(message)
        },
        // Only the throttling plugin retries rate limits (429 included), so the two plugins never both retry one response.
        retry: { retries: MAX_RETRIES, retryAfterBaseValue: unitMs, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
        throttle
    }, dist_bundle/* retry */.L, plugin_throttling_dist_bundle/* throttling */.A);
}
/** Wraps `fetch` (the runner's proxy-aware one from `@actions/github`) so each attempt times out on its own. */
function withTimeout(fetch, timeoutMs) {
    return (input, init) => fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) });
}
function readRetryUnit(environment) {
    const text = environment[RETRY_UNIT_VARIABLE];
    if (text === undefined || text.trim() === '')
        return 1000;
    const value = Number(text);
    return Number.isFinite(value) && value >= 0 ? value : 1000;
}


/***/ })

};
