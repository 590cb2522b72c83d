/**
 * Calls to the runner's Ollama server through the `ollama` client: a health check,
 * the model lookup (and an opt-in pull), and streamed chat calls with the action's
 * own time limits, bounded retries and errors that name the host, the model and
 * the limit that fired.
 */
import { Ollama, type ChatResponse, type Message, type ModelResponse, type Options } from 'ollama'
import { Agent, fetch as undiciFetch } from 'undici'
import type { Logger } from '../logger.js'
import type { NarrateSettings } from '../settings/index.js'

/** The time limit that ended a call. */
export type Limit = 'first-token' | 'deadline' | 'headers' | 'body'

export type FailureKind = 'invalid-host' | 'unreachable' | 'timeout' | 'model-missing' | 'http' | 'stream-cut' | 'server-error'

/** A failed Ollama call, described for the log (`message`) and the report (`summary`). */
export class OllamaFailure extends Error {
  override readonly name = 'OllamaFailure'

  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly summary: string,
    readonly details: { retryable?: boolean; code?: string | null; status?: number | null; limit?: Limit | null } = {}
  ) {
    super(message)
  }

  get retryable(): boolean {
    return this.details.retryable ?? false
  }
}

/** Address of the server, with any credentials moved out of the URL. */
export interface OllamaEndpoint {
  /** Base URL without credentials, such as `http://127.0.0.1:11434`. */
  baseUrl: string
  /** `host:port`, for messages. */
  display: string
  hostname: string
  /** `Authorization` header built from credentials in the URL, or null. */
  authorization: string | null
}

/** The model as the server lists it. */
export interface ResolvedModel {
  /** Name as the server lists it, such as `gemma3:latest`. */
  name: string
  digest: string | null
  /** `num_ctx` set in the model's Modelfile, from `/api/show`; null when unset or unknown. */
  modelfileNumCtx: number | null
}

/** One finished chat call. */
export interface ChatOutcome {
  text: string
  final: ChatResponse
  timeToFirstTokenMs: number | null
  wallClockMs: number
}

export interface ChatRequestParts {
  messages: Message[]
  options: Partial<Options>
  keepAlive: string | number | null
}

/** Retries after a refused connection, a 5xx response or a cut stream. */
export const MAX_RETRIES = 2
const RETRY_BASE_DELAY_MS = 250
// The `ollama` client (0.6.4) throws this plain Error when a stream ends without a `done` chunk.
const STREAM_WITHOUT_DONE = 'Did not receive done or success response in stream.'
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET', 'EAI_AGAIN'])

/** Default port of `ollama serve`, used when the host names none. */
const DEFAULT_PORT = '11434'

/**
 * Parses `ollama-host` as the `ollama` client reads `OLLAMA_HOST`: `host`,
 * `host:port` or a URL; no scheme means http and port 11434. Credentials in the
 * URL become a Basic `Authorization` header, because fetch rejects URLs with them.
 * Throws an `invalid-host` OllamaFailure for a value that is not an http(s) URL.
 */
export function parseOllamaHost(host: string): OllamaEndpoint {
  const explicit = host.includes('://')
  const url = URL.parse(explicit ? host : `http://${host}`)
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    // The value may carry credentials, so they are masked before it is shown.
    const shown = host.replace(/\/\/[^/@]*@/, '//***@')
    const problem = `ollama-host '${shown}' is invalid: expected http:// or https:// followed by a host, such as http://127.0.0.1:11434`
    throw new OllamaFailure('invalid-host', `The narrative was skipped because ${problem}.`, problem)
  }
  if (url.port === '' && !explicit) url.port = DEFAULT_PORT
  let authorization: string | null = null
  if (url.username !== '' || url.password !== '') {
    const user = decodeURIComponent(url.username)
    const password = decodeURIComponent(url.password)
    authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`
    url.username = ''
    url.password = ''
  }
  let port = url.port
  if (port === '') port = url.protocol === 'https:' ? '443' : '80'
  const path = url.pathname.replace(/\/+$/, '')
  return { baseUrl: `${url.protocol}//${url.host}${path}`, display: `${url.hostname}:${port}`, hostname: url.hostname, authorization }
}

/** Adds the `latest` tag to a model name without one, as Ollama does (`gemma3` is `gemma3:latest`). */
export function withDefaultTag(name: string): string {
  const lastSegment = name.slice(name.lastIndexOf('/') + 1)
  return lastSegment.includes(':') ? name : `${name}:latest`
}

/**
 * Creates the fetch the `ollama` client uses: undici's fetch with an Agent whose
 * headers and body timeouts come from the action's inputs, because Node's global
 * fetch gives up after 300 s without response headers. Every request also follows
 * `signal`.
 */
export function createOllamaFetch(limits: { headersTimeoutMs: number; bodyTimeoutMs: number }, signal?: AbortSignal): { fetch: typeof fetch; agent: Agent } {
  const agent = new Agent({ headersTimeout: limits.headersTimeoutMs, bodyTimeout: limits.bodyTimeoutMs })
  const ollamaFetch = (input: unknown, init?: RequestInit): Promise<unknown> => {
    const signals = [init?.signal, signal].filter((entry): entry is AbortSignal => entry !== undefined && entry !== null)
    return undiciFetch(input as string, {
      ...(init as object),
      dispatcher: agent,
      signal: signals.length === 0 ? undefined : AbortSignal.any(signals)
    })
  }
  return { fetch: ollamaFetch as unknown as typeof fetch, agent }
}

/** One narrative run's connection to Ollama, with its overall deadline. */
export class OllamaSession {
  readonly endpoint: OllamaEndpoint
  private readonly deadline = new AbortController()
  private readonly deadlineTimer: NodeJS.Timeout
  private readonly agent: Agent
  private readonly headers: Record<string, string>
  private readonly fetch: typeof fetch
  /** Chat requests sent, retries included. */
  chatRequests = 0
  /** Client time spent in chat requests, in milliseconds. */
  chatWallClockMs = 0
  /** Model names from the last `/api/tags`, for the message when chat returns 404. */
  private listedModels: string[] | null = null

  constructor(
    private readonly settings: NarrateSettings,
    private readonly log: Logger
  ) {
    this.endpoint = parseOllamaHost(settings.host)
    this.headers = { ...settings.headers }
    if (this.endpoint.authorization !== null) {
      log.setSecret(this.endpoint.authorization)
      this.headers.Authorization = this.endpoint.authorization
    }
    for (const value of Object.values(settings.headers)) if (value !== '') log.setSecret(value)

    this.deadlineTimer = setTimeout(() => this.deadline.abort(new Error('deadline')), settings.timeoutMs)
    // The client-side limits sit 1 s past the action's own timers, so that the
    // timers fire first and the log can name the input that set the limit.
    const { fetch, agent } = createOllamaFetch(
      { headersTimeoutMs: Math.min(settings.firstTokenTimeoutMs, settings.timeoutMs) + 1000, bodyTimeoutMs: settings.timeoutMs + 1000 },
      this.deadline.signal
    )
    this.fetch = fetch
    this.agent = agent
  }

  /** Checks that the server responds (`/api/version`) and returns its version. */
  async checkServer(): Promise<string> {
    const response = await this.withRetries('the version check', () => this.client().version())
    return response.version
  }

  /**
   * Finds the configured model in `/api/tags` (a missing tag means `latest`). When
   * it is absent, pulls it if `pull-model` is on, else fails with the models the
   * server has. Reads the Modelfile's `num_ctx` from `/api/show` when it can.
   */
  async resolveModel(): Promise<ResolvedModel> {
    const wanted = withDefaultTag(this.settings.model)
    const listed = await this.withRetries('the model list', () => this.client().list())
    this.listedModels = listed.models.map(model => model.name)
    let found = findModel(listed.models, wanted)
    if (found === undefined) {
      const available = listed.models.map(model => model.name)
      if (!this.settings.pullModel) throw this.modelMissing(available)
      await this.pull()
      const relisted = await this.withRetries('the model list', () => this.client().list())
      found = findModel(relisted.models, wanted)
      if (found === undefined) throw this.modelMissing(relisted.models.map(model => model.name))
    }
    return { name: found.name, digest: found.digest || null, modelfileNumCtx: await this.readModelfileNumCtx() }
  }

  /** Failure for a model the server does not have, with the models it has and a suggestion. */
  modelMissing(available: string[]): OllamaFailure {
    const model = this.settings.model
    const resolved = withDefaultTag(model)
    const named = resolved === model ? model : `${model} (${resolved})`
    const base = resolved.slice(0, resolved.lastIndexOf(':'))
    const suggestion = available.find(name => name.startsWith(`${base}:`)) ?? available[0]
    const has = available.length === 0 ? 'it has no models' : `it has ${available.join(', ')}`
    const advice = suggestion === undefined ? 'set pull-model: true to pull it' : `set model: ${suggestion}, or pull-model: true to pull ${model}`
    return new OllamaFailure(
      'model-missing',
      `Model ${named} is not on the Ollama server at ${this.endpoint.display}; ${has}. To fix, ${advice}.`,
      `Model ${named} is not on the Ollama server (${has}); set model: ${suggestion ?? model}${suggestion === undefined ? ' and pull-model: true' : ''}.`,
      { status: 404 }
    )
  }

  /** Streams one chat call with the first-token limit; retries refused connections, 5xx and cut streams. */
  async chat(request: ChatRequestParts): Promise<ChatOutcome> {
    return this.withRetries('the chat call', () => this.chatOnce(request))
  }

  /** Stops timers and closes connections. */
  async close(): Promise<void> {
    clearTimeout(this.deadlineTimer)
    await this.agent.close().catch(() => undefined)
  }

  private async chatOnce(request: ChatRequestParts): Promise<ChatOutcome> {
    const firstToken = new AbortController()
    const signal = AbortSignal.any([this.deadline.signal, firstToken.signal])
    const started = performance.now()
    this.chatRequests += 1
    const timer = setTimeout(() => firstToken.abort(new Error('first token')), this.settings.firstTokenTimeoutMs)
    let timeToFirstTokenMs: number | null = null
    let text = ''
    let final: ChatResponse | null = null
    try {
      const stream = await this.client(signal).chat({
        model: this.settings.model,
        messages: request.messages,
        stream: true,
        ...(Object.keys(request.options).length > 0 ? { options: request.options } : {}),
        ...(request.keepAlive !== null ? { keep_alive: request.keepAlive } : {})
      })
      for await (const part of stream) {
        const piece = part.message?.content ?? ''
        if (piece !== '' && timeToFirstTokenMs === null) {
          timeToFirstTokenMs = performance.now() - started
          clearTimeout(timer)
        }
        text += piece
        if (part.done) final = part
      }
    } catch (error) {
      throw this.classify(error, { firstToken: firstToken.signal, streaming: text !== '' || timeToFirstTokenMs !== null, modelCall: true })
    } finally {
      clearTimeout(timer)
      this.chatWallClockMs += performance.now() - started
    }
    if (final === null) throw this.streamCut()
    return { text, final, timeToFirstTokenMs, wallClockMs: performance.now() - started }
  }

  private async pull(): Promise<void> {
    const model = this.settings.model
    this.log.info(`Pulling model ${model} on ${this.endpoint.display} (pull-model: true).`)
    await this.withRetries('the model pull', async () => {
      const stream = await this.client().pull({ model, stream: true })
      let lastStatus = ''
      let lastTenth = -1
      for await (const progress of stream) {
        const status = progress.status.replace(/ [0-9a-f]{12,}$/, '')
        if (progress.total > 0 && progress.completed !== undefined) {
          const tenth = Math.floor((progress.completed / progress.total) * 10)
          if (tenth !== lastTenth || status !== lastStatus) {
            this.log.info(`Pull ${model}: ${status} ${tenth * 10} % of ${(progress.total / 1e9).toFixed(2)} GB`)
          }
          lastTenth = tenth
        } else if (status !== lastStatus) {
          this.log.info(`Pull ${model}: ${status}`)
        }
        lastStatus = status
      }
    })
  }

  private async readModelfileNumCtx(): Promise<number | null> {
    try {
      const shown = await this.client().show({ model: this.settings.model })
      const match = /^num_ctx\s+(\d+)\s*$/m.exec(shown.parameters ?? '')
      return match === null ? null : Number(match[1])
    } catch (error) {
      this.log.debug(`Could not read the Modelfile parameters of ${this.settings.model}: ${describe(error)}`)
      return null
    }
  }

  /** Creates a client whose requests follow the overall deadline and, when given, the call's own `signal`. */
  private client(signal?: AbortSignal): Ollama {
    const fetchWithSignal =
      signal === undefined
        ? this.fetch
        : (((input: unknown, init?: RequestInit) =>
            this.fetch(input as string, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal })) as typeof fetch)
    return new Ollama({ host: this.endpoint.baseUrl, fetch: fetchWithSignal, headers: this.headers })
  }

  private async withRetries<T>(what: string, call: () => Promise<T>): Promise<T> {
    for (let retry = 0; ; retry += 1) {
      try {
        return await call()
      } catch (error) {
        const failure = this.classify(error, {})
        if (!failure.retryable || retry >= MAX_RETRIES || this.deadline.signal.aborted) throw failure
        const wait = RETRY_BASE_DELAY_MS * 2 ** retry
        this.log.info(`${failure.message} Retrying ${what} in ${wait / 1000} s (retry ${retry + 1} of ${MAX_RETRIES}).`)
        await sleep(wait, this.deadline.signal)
      }
    }
  }

  /**
   * Describes an error of the `ollama` client or of fetch. `firstToken` is the call's
   * first-token signal, `streaming` is true once content arrived, and `modelCall`
   * marks chat calls, where a 404 means the model is missing.
   */
  private classify(error: unknown, context: { firstToken?: AbortSignal; streaming?: boolean; modelCall?: boolean }): OllamaFailure {
    if (error instanceof OllamaFailure) return error
    const { firstToken, streaming = false, modelCall = false } = context
    const { display } = this.endpoint
    const model = this.settings.model
    const at = `Ollama at ${display} (model ${model})`

    if (firstToken?.aborted === true) {
      const seconds = formatSeconds(this.settings.firstTokenTimeoutMs)
      return new OllamaFailure(
        'timeout',
        `${at} sent no token within ${seconds} (first-token-timeout); the first-token limit fired and the call was aborted.`,
        `Ollama sent no token within the first-token timeout of ${seconds}.`,
        { limit: 'first-token' }
      )
    }
    if (this.deadline.signal.aborted) {
      const seconds = formatSeconds(this.settings.timeoutMs)
      return new OllamaFailure(
        'timeout',
        `${at}: the overall deadline of ${seconds} (timeout) ran out; the call was aborted.`,
        `The narrative did not finish within the overall deadline of ${seconds}.`,
        { limit: 'deadline' }
      )
    }
    if (isResponseError(error)) return this.httpFailure(error, at, modelCall)

    const code = errorCode(error)
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
      const headers = code === 'UND_ERR_HEADERS_TIMEOUT'
      return new OllamaFailure(
        'timeout',
        `${at}: the client ${headers ? 'headers' : 'body'} timeout fired (${code}).`,
        `Ollama stopped responding (client ${headers ? 'headers' : 'body'} timeout, ${code}).`,
        { code, limit: headers ? 'headers' : 'body' }
      )
    }
    if (code !== null && CONNECTION_CODES.has(code)) {
      if (streaming) return this.streamCut(code)
      const loopback = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(this.endpoint.hostname)
      const hint =
        code === 'ECONNREFUSED' && loopback
          ? ' Inside a container job, 127.0.0.1 is the container itself: set ollama-host to the address of the runner host or of the Ollama service.'
          : ''
      return new OllamaFailure('unreachable', `${at} is unreachable (${code}).${hint}`, `Ollama at ${display} is unreachable (${code}).`, {
        code,
        retryable: true
      })
    }
    if (code === 'ENOTFOUND') {
      return new OllamaFailure('unreachable', `${at} is unreachable: the host name was not found (ENOTFOUND).`, `Ollama host ${display} was not found (ENOTFOUND).`, { code })
    }
    if (error instanceof Error && error.message === STREAM_WITHOUT_DONE) return this.streamCut()
    if (error instanceof Error && error.constructor === Error && streaming) {
      // The `ollama` client throws a plain Error with the server's text for an `{"error": …}` line.
      const text = oneLine(error.message)
      return new OllamaFailure(
        'server-error',
        `${at} reported an error in the stream: ${text}. The partial text was discarded.`,
        `Ollama reported an error while writing: ${text}.`
      )
    }
    const text = describe(error)
    return new OllamaFailure('server-error', `${at}: the call failed: ${text}.`, `The Ollama call failed: ${text}.`, { code })
  }

  private httpFailure(error: ResponseError, at: string, modelCall: boolean): OllamaFailure {
    const status = error.status_code
    const text = oneLine(error.error)
    if (status === 404 && modelCall) return this.modelMissingFromStatus(text)
    return new OllamaFailure(
      'http',
      `${at} returned HTTP ${status}: ${text}.`,
      `Ollama returned HTTP ${status}${status >= 500 ? ' (server error)' : ''}: ${text}.`,
      { status, retryable: status >= 500 }
    )
  }

  /** Describes a 404 from chat as a missing model, whatever the error text. */
  private modelMissingFromStatus(text: string): OllamaFailure {
    const listed = this.modelMissing(this.listedModels ?? [])
    return new OllamaFailure('model-missing', `Ollama at ${this.endpoint.display} returned HTTP 404 (${text}). ${listed.message}`, listed.summary, { status: 404 })
  }

  private streamCut(code: string | null = null): OllamaFailure {
    return new OllamaFailure(
      'stream-cut',
      `The stream from Ollama at ${this.endpoint.display} (model ${this.settings.model}) ended before its final chunk${code === null ? '' : ` (${code})`}; the partial text was discarded.`,
      'The Ollama stream ended before its final chunk.',
      { code, retryable: true }
    )
  }
}

/**
 * The `ollama` client's error for an HTTP error status. Version 0.6.4 does not
 * export the class, so it is recognised by its name and `status_code`.
 */
interface ResponseError extends Error {
  error: string
  status_code: number
}

function isResponseError(error: unknown): error is ResponseError {
  return error instanceof Error && error.name === 'ResponseError' && typeof (error as Partial<ResponseError>).status_code === 'number'
}

function findModel(models: ModelResponse[], wanted: string): ModelResponse | undefined {
  return models.find(model => withDefaultTag(model.name) === wanted || withDefaultTag(model.model ?? '') === wanted)
}

/** Finds the first `code` on an error or its causes, such as `ECONNREFUSED` under fetch's `TypeError`. */
function errorCode(error: unknown): string | null {
  let current: unknown = error
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth += 1) {
    const candidate = current as { code?: unknown; cause?: unknown; errors?: unknown[] }
    if (typeof candidate.code === 'string') return candidate.code
    current = candidate.cause ?? (Array.isArray(candidate.errors) ? candidate.errors[0] : undefined)
  }
  return null
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return oneLine(String(error))
  const code = errorCode(error)
  return oneLine(code === null ? error.message : `${error.message} (${code})`)
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > 300 ? `${flat.slice(0, 299)}…` : flat
}

function formatSeconds(milliseconds: number): string {
  return `${Number((milliseconds / 1000).toFixed(3))} s`
}

async function sleep(milliseconds: number, signal: AbortSignal): Promise<void> {
  await new Promise<void>(resolve => {
    const timer = setTimeout(done, milliseconds)
    function done(): void {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })
}
