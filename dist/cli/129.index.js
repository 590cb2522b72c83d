export const id = 129;
export const ids = [129];
export const modules = {

/***/ 3129:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MAX_RETRIES: () => (/* binding */ MAX_RETRIES),
/* harmony export */   OllamaFailure: () => (/* binding */ OllamaFailure),
/* harmony export */   OllamaSession: () => (/* binding */ OllamaSession),
/* harmony export */   createOllamaFetch: () => (/* binding */ createOllamaFetch),
/* harmony export */   parseOllamaHost: () => (/* binding */ parseOllamaHost),
/* harmony export */   withDefaultTag: () => (/* binding */ withDefaultTag)
/* harmony export */ });
/* harmony import */ var ollama__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(266);
/* harmony import */ var undici__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4371);
/**
 * Calls to the runner's Ollama server through the `ollama` client: a health check,
 * the model lookup (and an opt-in pull), and streamed chat calls with the action's
 * own time limits, bounded retries and errors that name the host, the model and
 * the limit that fired.
 */


/** A failed Ollama call, described for the log (`message`) and the report (`summary`). */
class OllamaFailure extends Error {
    kind;
    summary;
    details;
    name = 'OllamaFailure';
    constructor(kind, message, summary, details = {}) {
        super(message);
        this.kind = kind;
        this.summary = summary;
        this.details = details;
    }
    get retryable() {
        return this.details.retryable ?? false;
    }
}
/** Retries after a refused connection, a 5xx response or a cut stream. */
const MAX_RETRIES = 2;
const RETRY_BASE_DELAY_MS = 250;
// The `ollama` client (0.6.4) throws this plain Error when a stream ends without a `done` chunk.
const STREAM_WITHOUT_DONE = 'Did not receive done or success response in stream.';
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET', 'EAI_AGAIN']);
/** Default port of `ollama serve`, used when the host names none. */
const DEFAULT_PORT = '11434';
/**
 * Parses `ollama-host` as the `ollama` client reads `OLLAMA_HOST`: `host`,
 * `host:port` or a URL; no scheme means http and port 11434. Credentials in the
 * URL become a Basic `Authorization` header, because fetch rejects URLs with them.
 * Throws an `invalid-host` OllamaFailure for a value that is not an http(s) URL.
 */
function parseOllamaHost(host) {
    const explicit = host.includes('://');
    const url = URL.parse(explicit ? host : `http://${host}`);
    if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
        // The value may carry credentials, so they are masked before it is shown.
        const shown = host.replace(/\/\/[^/@]*@/, '//***@');
        const problem = `ollama-host '${shown}' is invalid: expected http:// or https:// followed by a host, such as http://127.0.0.1:11434`;
        throw new OllamaFailure('invalid-host', `The narrative was skipped because ${problem}.`, problem);
    }
    if (url.port === '' && !explicit)
        url.port = DEFAULT_PORT;
    let authorization = null;
    if (url.username !== '' || url.password !== '') {
        const user = decodeURIComponent(url.username);
        const password = decodeURIComponent(url.password);
        authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
        url.username = '';
        url.password = '';
    }
    let port = url.port;
    if (port === '')
        port = url.protocol === 'https:' ? '443' : '80';
    const path = url.pathname.replace(/\/+$/, '');
    return { baseUrl: `${url.protocol}//${url.host}${path}`, display: `${url.hostname}:${port}`, hostname: url.hostname, authorization };
}
/** Adds the `latest` tag to a model name without one, as Ollama does (`gemma3` is `gemma3:latest`). */
function withDefaultTag(name) {
    const lastSegment = name.slice(name.lastIndexOf('/') + 1);
    return lastSegment.includes(':') ? name : `${name}:latest`;
}
/**
 * Creates the fetch the `ollama` client uses: undici's fetch with an Agent whose
 * headers and body timeouts come from the action's inputs, because Node's global
 * fetch gives up after 300 s without response headers. Every request also follows
 * `signal`.
 */
function createOllamaFetch(limits, signal) {
    const agent = new undici__WEBPACK_IMPORTED_MODULE_1__/* .Agent */ .g6({ headersTimeout: limits.headersTimeoutMs, bodyTimeout: limits.bodyTimeoutMs });
    const ollamaFetch = (input, init) => {
        const signals = [init?.signal, signal].filter((entry) => entry !== undefined && entry !== null);
        return (0,undici__WEBPACK_IMPORTED_MODULE_1__/* .fetch */ .hd)(input, {
            ...init,
            dispatcher: agent,
            signal: signals.length === 0 ? undefined : AbortSignal.any(signals)
        });
    };
    return { fetch: ollamaFetch, agent };
}
/** One narrative run's connection to Ollama, with its overall deadline. */
class OllamaSession {
    settings;
    log;
    endpoint;
    deadline = new AbortController();
    deadlineTimer;
    agent;
    headers;
    fetch;
    /** Chat requests sent, retries included. */
    chatRequests = 0;
    /** Client time spent in chat requests, in milliseconds. */
    chatWallClockMs = 0;
    /** Model names from the last `/api/tags`, for the message when chat returns 404. */
    listedModels = null;
    constructor(settings, log) {
        this.settings = settings;
        this.log = log;
        this.endpoint = parseOllamaHost(settings.host);
        this.headers = { ...settings.headers };
        if (this.endpoint.authorization !== null) {
            log.setSecret(this.endpoint.authorization);
            this.headers.Authorization = this.endpoint.authorization;
        }
        for (const value of Object.values(settings.headers))
            if (value !== '')
                log.setSecret(value);
        this.deadlineTimer = setTimeout(() => this.deadline.abort(new Error('deadline')), settings.timeoutMs);
        // The client-side limits sit 1 s past the action's own timers, so that the
        // timers fire first and the log can name the input that set the limit.
        const { fetch, agent } = createOllamaFetch({ headersTimeoutMs: Math.min(settings.firstTokenTimeoutMs, settings.timeoutMs) + 1000, bodyTimeoutMs: settings.timeoutMs + 1000 }, this.deadline.signal);
        this.fetch = fetch;
        this.agent = agent;
    }
    /** Checks that the server responds (`/api/version`) and returns its version. */
    async checkServer() {
        const response = await this.withRetries('the version check', () => this.client().version());
        return response.version;
    }
    /**
     * Finds the configured model in `/api/tags` (a missing tag means `latest`). When
     * it is absent, pulls it if `pull-model` is on, else fails with the models the
     * server has. Reads the Modelfile's `num_ctx` from `/api/show` when it can.
     */
    async resolveModel() {
        const wanted = withDefaultTag(this.settings.model);
        const listed = await this.withRetries('the model list', () => this.client().list());
        this.listedModels = listed.models.map(model => model.name);
        let found = findModel(listed.models, wanted);
        if (found === undefined) {
            const available = listed.models.map(model => model.name);
            if (!this.settings.pullModel)
                throw this.modelMissing(available);
            await this.pull();
            const relisted = await this.withRetries('the model list', () => this.client().list());
            found = findModel(relisted.models, wanted);
            if (found === undefined)
                throw this.modelMissing(relisted.models.map(model => model.name));
        }
        return { name: found.name, digest: found.digest || null, modelfileNumCtx: await this.readModelfileNumCtx() };
    }
    /** Failure for a model the server does not have, with the models it has and a suggestion. */
    modelMissing(available) {
        const model = this.settings.model;
        const resolved = withDefaultTag(model);
        const named = resolved === model ? model : `${model} (${resolved})`;
        const base = resolved.slice(0, resolved.lastIndexOf(':'));
        const suggestion = available.find(name => name.startsWith(`${base}:`)) ?? available[0];
        const has = available.length === 0 ? 'it has no models' : `it has ${available.join(', ')}`;
        const advice = suggestion === undefined ? 'set pull-model: true to pull it' : `set model: ${suggestion}, or pull-model: true to pull ${model}`;
        return new OllamaFailure('model-missing', `Model ${named} is not on the Ollama server at ${this.endpoint.display}; ${has}. To fix, ${advice}.`, `Model ${named} is not on the Ollama server (${has}); set model: ${suggestion ?? model}${suggestion === undefined ? ' and pull-model: true' : ''}.`, { status: 404 });
    }
    /** Streams one chat call with the first-token limit; retries refused connections, 5xx and cut streams. */
    async chat(request) {
        return this.withRetries('the chat call', () => this.chatOnce(request));
    }
    /** Stops timers and closes connections. */
    async close() {
        clearTimeout(this.deadlineTimer);
        await this.agent.close().catch(() => undefined);
    }
    async chatOnce(request) {
        const firstToken = new AbortController();
        const signal = AbortSignal.any([this.deadline.signal, firstToken.signal]);
        const started = performance.now();
        this.chatRequests += 1;
        const timer = setTimeout(() => firstToken.abort(new Error('first token')), this.settings.firstTokenTimeoutMs);
        let timeToFirstTokenMs = null;
        let text = '';
        let final = null;
        try {
            const stream = await this.client(signal).chat({
                model: this.settings.model,
                messages: request.messages,
                stream: true,
                ...(Object.keys(request.options).length > 0 ? { options: request.options } : {}),
                ...(request.keepAlive !== null ? { keep_alive: request.keepAlive } : {})
            });
            for await (const part of stream) {
                const piece = part.message?.content ?? '';
                if (piece !== '' && timeToFirstTokenMs === null) {
                    timeToFirstTokenMs = performance.now() - started;
                    clearTimeout(timer);
                }
                text += piece;
                if (part.done)
                    final = part;
            }
        }
        catch (error) {
            throw this.classify(error, { firstToken: firstToken.signal, streaming: text !== '' || timeToFirstTokenMs !== null, modelCall: true });
        }
        finally {
            clearTimeout(timer);
            this.chatWallClockMs += performance.now() - started;
        }
        if (final === null)
            throw this.streamCut();
        return { text, final, timeToFirstTokenMs, wallClockMs: performance.now() - started };
    }
    async pull() {
        const model = this.settings.model;
        this.log.info(`Pulling model ${model} on ${this.endpoint.display} (pull-model: true).`);
        await this.withRetries('the model pull', async () => {
            const stream = await this.client().pull({ model, stream: true });
            let lastStatus = '';
            let lastTenth = -1;
            for await (const progress of stream) {
                const status = progress.status.replace(/ [0-9a-f]{12,}$/, '');
                if (progress.total > 0 && progress.completed !== undefined) {
                    const tenth = Math.floor((progress.completed / progress.total) * 10);
                    if (tenth !== lastTenth || status !== lastStatus) {
                        this.log.info(`Pull ${model}: ${status} ${tenth * 10} % of ${(progress.total / 1e9).toFixed(2)} GB`);
                    }
                    lastTenth = tenth;
                }
                else if (status !== lastStatus) {
                    this.log.info(`Pull ${model}: ${status}`);
                }
                lastStatus = status;
            }
        });
    }
    async readModelfileNumCtx() {
        try {
            const shown = await this.client().show({ model: this.settings.model });
            const match = /^num_ctx\s+(\d+)\s*$/m.exec(shown.parameters ?? '');
            return match === null ? null : Number(match[1]);
        }
        catch (error) {
            this.log.debug(`Could not read the Modelfile parameters of ${this.settings.model}: ${describe(error)}`);
            return null;
        }
    }
    /** Creates a client whose requests follow the overall deadline and, when given, the call's own `signal`. */
    client(signal) {
        const fetchWithSignal = signal === undefined
            ? this.fetch
            : ((input, init) => this.fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal }));
        return new ollama__WEBPACK_IMPORTED_MODULE_0__/* .Ollama */ .n({ host: this.endpoint.baseUrl, fetch: fetchWithSignal, headers: this.headers });
    }
    async withRetries(what, call) {
        for (let retry = 0;; retry += 1) {
            try {
                return await call();
            }
            catch (error) {
                const failure = this.classify(error, {});
                if (!failure.retryable || retry >= MAX_RETRIES || this.deadline.signal.aborted)
                    throw failure;
                const wait = RETRY_BASE_DELAY_MS * 2 ** retry;
                this.log.info(`${failure.message} Retrying ${what} in ${wait / 1000} s (retry ${retry + 1} of ${MAX_RETRIES}).`);
                await sleep(wait, this.deadline.signal);
            }
        }
    }
    /**
     * Describes an error of the `ollama` client or of fetch. `firstToken` is the call's
     * first-token signal, `streaming` is true once content arrived, and `modelCall`
     * marks chat calls, where a 404 means the model is missing.
     */
    classify(error, context) {
        if (error instanceof OllamaFailure)
            return error;
        const { firstToken, streaming = false, modelCall = false } = context;
        const { display } = this.endpoint;
        const model = this.settings.model;
        const at = `Ollama at ${display} (model ${model})`;
        if (firstToken?.aborted === true) {
            const seconds = formatSeconds(this.settings.firstTokenTimeoutMs);
            return new OllamaFailure('timeout', `${at} sent no token within ${seconds} (first-token-timeout); the first-token limit fired and the call was aborted.`, `Ollama sent no token within the first-token timeout of ${seconds}.`, { limit: 'first-token' });
        }
        if (this.deadline.signal.aborted) {
            const seconds = formatSeconds(this.settings.timeoutMs);
            return new OllamaFailure('timeout', `${at}: the overall deadline of ${seconds} (timeout) ran out; the call was aborted.`, `The narrative did not finish within the overall deadline of ${seconds}.`, { limit: 'deadline' });
        }
        if (isResponseError(error))
            return this.httpFailure(error, at, modelCall);
        const code = errorCode(error);
        if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
            const headers = code === 'UND_ERR_HEADERS_TIMEOUT';
            return new OllamaFailure('timeout', `${at}: the client ${headers ? 'headers' : 'body'} timeout fired (${code}).`, `Ollama stopped responding (client ${headers ? 'headers' : 'body'} timeout, ${code}).`, { code, limit: headers ? 'headers' : 'body' });
        }
        if (code !== null && CONNECTION_CODES.has(code)) {
            if (streaming)
                return this.streamCut(code);
            const loopback = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(this.endpoint.hostname);
            const hint = code === 'ECONNREFUSED' && loopback
                ? ' Inside a container job, 127.0.0.1 is the container itself: set ollama-host to the address of the runner host or of the Ollama service.'
                : '';
            return new OllamaFailure('unreachable', `${at} is unreachable (${code}).${hint}`, `Ollama at ${display} is unreachable (${code}).`, {
                code,
                retryable: true
            });
        }
        if (code === 'ENOTFOUND') {
            return new OllamaFailure('unreachable', `${at} is unreachable: the host name was not found (ENOTFOUND).`, `Ollama host ${display} was not found (ENOTFOUND).`, { code });
        }
        if (error instanceof Error && error.message === STREAM_WITHOUT_DONE)
            return this.streamCut();
        if (error instanceof Error && error.constructor === Error && streaming) {
            // The `ollama` client throws a plain Error with the server's text for an `{"error": …}` line.
            const text = oneLine(error.message);
            return new OllamaFailure('server-error', `${at} reported an error in the stream: ${text}. The partial text was discarded.`, `Ollama reported an error while writing: ${text}.`);
        }
        const text = describe(error);
        return new OllamaFailure('server-error', `${at}: the call failed: ${text}.`, `The Ollama call failed: ${text}.`, { code });
    }
    httpFailure(error, at, modelCall) {
        const status = error.status_code;
        const text = oneLine(error.error);
        if (status === 404 && modelCall)
            return this.modelMissingFromStatus(text);
        return new OllamaFailure('http', `${at} returned HTTP ${status}: ${text}.`, `Ollama returned HTTP ${status}${status >= 500 ? ' (server error)' : ''}: ${text}.`, { status, retryable: status >= 500 });
    }
    /** Describes a 404 from chat as a missing model, whatever the error text. */
    modelMissingFromStatus(text) {
        const listed = this.modelMissing(this.listedModels ?? []);
        return new OllamaFailure('model-missing', `Ollama at ${this.endpoint.display} returned HTTP 404 (${text}). ${listed.message}`, listed.summary, { status: 404 });
    }
    streamCut(code = null) {
        return new OllamaFailure('stream-cut', `The stream from Ollama at ${this.endpoint.display} (model ${this.settings.model}) ended before its final chunk${code === null ? '' : ` (${code})`}; the partial text was discarded.`, 'The Ollama stream ended before its final chunk.', { code, retryable: true });
    }
}
function isResponseError(error) {
    return error instanceof Error && error.name === 'ResponseError' && typeof error.status_code === 'number';
}
function findModel(models, wanted) {
    return models.find(model => withDefaultTag(model.name) === wanted || withDefaultTag(model.model ?? '') === wanted);
}
/** Finds the first `code` on an error or its causes, such as `ECONNREFUSED` under fetch's `TypeError`. */
function errorCode(error) {
    let current = error;
    for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth += 1) {
        const candidate = current;
        if (typeof candidate.code === 'string')
            return candidate.code;
        current = candidate.cause ?? (Array.isArray(candidate.errors) ? candidate.errors[0] : undefined);
    }
    return null;
}
function describe(error) {
    if (!(error instanceof Error))
        return oneLine(String(error));
    const code = errorCode(error);
    return oneLine(code === null ? error.message : `${error.message} (${code})`);
}
function oneLine(text) {
    const flat = text.replace(/\s+/g, ' ').trim();
    return flat.length > 300 ? `${flat.slice(0, 299)}…` : flat;
}
function formatSeconds(milliseconds) {
    return `${Number((milliseconds / 1000).toFixed(3))} s`;
}
async function sleep(milliseconds, signal) {
    await new Promise(resolve => {
        const timer = setTimeout(done, milliseconds);
        function done() {
            clearTimeout(timer);
            signal.removeEventListener('abort', done);
            resolve();
        }
        signal.addEventListener('abort', done, { once: true });
    });
}


/***/ })

};
