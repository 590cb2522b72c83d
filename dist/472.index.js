export const id = 472;
export const ids = [472];
export const modules = {

/***/ 82472:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createGitHubClient: () => (/* binding */ createGitHubClient)
/* harmony export */ });
/* unused harmony exports RETRY_UNIT_VARIABLE, REQUEST_TIMEOUT_MS */
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61351);
/* harmony import */ var _actions_github_lib_utils__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(85555);
/* harmony import */ var _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(49735);
/* harmony import */ var _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(86856);
/* harmony import */ var _retries_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(149);
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
        if (retryCount >= _retries_js__WEBPACK_IMPORTED_MODULE_2__/* .MAX_RETRIES */ .k || retryAfter > MAX_RATE_LIMIT_WAIT_SECONDS) {
            log.info(`GitHub ${kind} rate limit on ${request}: giving up after ${retryCount} retries (retry-after ${retryAfter} s).`);
            return false;
        }
        log.info(`GitHub ${kind} rate limit on ${request}: retrying after ${retryAfter} s (retry ${retryCount + 1} of ${_retries_js__WEBPACK_IMPORTED_MODULE_2__/* .MAX_RETRIES */ .k}).`);
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
    return (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(token, {
        baseUrl: apiUrl.replace(/\/+$/, ''),
        request: { ..._actions_github_lib_utils__WEBPACK_IMPORTED_MODULE_1__/* .defaults */ .NT.request, fetch: withTimeout(_actions_github_lib_utils__WEBPACK_IMPORTED_MODULE_1__/* .defaults */ .NT.request?.fetch ?? globalThis.fetch, timeoutMs) },
        log: {
            debug: (message) => log.debug(message),
            info: (message) => log.debug(message),
            warn: (message) => log.info(message),
            error: (message) => log.info(message)
        },
        // Only the throttling plugin retries rate limits (429 included), so the two plugins never both retry one response.
        retry: { retries: _retries_js__WEBPACK_IMPORTED_MODULE_2__/* .MAX_RETRIES */ .k, retryAfterBaseValue: unitMs, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
        throttle
    }, _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_3__/* .retry */ .L, _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_4__/* .throttling */ .A);
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
