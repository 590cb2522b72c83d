/**
 * A stand-in Ollama server on 127.0.0.1 for tests. It speaks the HTTP API that the
 * `ollama` npm client uses (`/api/version`, `/api/tags`, `/api/show`, `/api/ps`,
 * `/api/pull`, `/api/chat`, `/api/generate`), records every request, and plays
 * scripted replies and faults.
 *
 *     const ollama = await startOllamaServer({ replies: [{ text: 'Latency for chat is 110 ms.' }] })
 *     // point the action at it: ollama-host = ollama.url (a free port on 127.0.0.1)
 *     ollama.script({ fault: 'http-error', status: 500 }, { text: 'Recovered.' })  // next replies, in order
 *     ollama.requests          // every request: method, path, headers, parsed body
 *     ollama.chatRequests()    // only /api/chat and /api/generate
 *     await ollama.close()     // also ends hanging requests
 *
 * Faults: `fault` in a reply (HTTP error, stream cut with or without a reset, an
 * `{"error": …}` line, no response at all), `firstChunkDelayMs` and `chunkDelayMs`
 * for slow servers, `doneReason: 'length'`, `promptEvalCount` for truncation, a
 * model missing from `models` (404 from chat, as Ollama answers), `metadataStatus`
 * for failing metadata endpoints, and `closedPortUrl()` for a refused connection.
 *
 * Like Ollama, a streamed reply sends its response headers together with the first
 * chunk, so a reply delayed by `firstChunkDelayMs` also delays the headers. Every
 * duration in a reply is in nanoseconds and derived from fixed rates, so tests can
 * compute the expected figures by hand: prompt evaluation 0.5 ms a token, generation
 * 20 ms a token (50 tokens/s), load 120 ms.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as delay } from 'node:timers/promises'

/** A model the stand-in lists in `/api/tags` and serves. */
export interface StandInModel {
  /** Full name with tag, such as `gemma3:latest`. */
  name: string
  digest?: string
  size?: number
  parameterSize?: string
  /** Trained context length reported by `/api/show` in `model_info`. */
  contextLength?: number
  /** Modelfile parameters reported by `/api/show`, such as `{ num_ctx: 8192 }`. */
  parameters?: Record<string, number | string>
}

/** One scripted reply to a `/api/chat` or `/api/generate` request. */
export interface ScriptedReply {
  /** Narrative the "model" writes, split into a few chunks. Default: a one-line narrative. */
  text?: string
  /** Explicit content chunks; overrides the split of `text`. */
  chunks?: string[]
  /**
   * Fault to play instead of a normal reply:
   * - `http-error`: HTTP `status` (default 500) with `{"error": error}`, before any chunk;
   * - `cut`: the content chunks, then a clean end of the response without a `done` chunk;
   * - `reset`: the content chunks, then the socket is destroyed;
   * - `error-line`: the content chunks, then `{"error": error}` and the end of the response;
   * - `no-headers`: the request is accepted and nothing is ever sent (until `close`).
   */
  fault?: 'http-error' | 'cut' | 'reset' | 'error-line' | 'no-headers'
  status?: number
  error?: string
  /** `done_reason` of the final chunk; default `stop`. */
  doneReason?: string
  /**
   * `prompt_eval_count` of the final chunk; null leaves it out (a cached prompt).
   * By default the prompt's tokens are counted roughly as Gemma's tokenizer does:
   * one per digit, one per four other characters. A prompt longer than the context
   * window (`num_ctx`, else 4096) is reported as num_ctx / 2 + 2 tokens, as recent
   * Ollama versions do after silently dropping the start of the prompt.
   */
  promptEvalCount?: number | null
  /** `eval_count`; null leaves it out. Default: the text's characters / 4, rounded up. */
  evalCount?: number | null
  /** Delay before the response headers and the first chunk. */
  firstChunkDelayMs?: number
  /** Delay between chunks. */
  chunkDelayMs?: number
  /** NDJSON lines streamed verbatim instead of generated chunks (for recorded streams). */
  lines?: string[]
  /** Fields merged into the final chunk (or the whole non-streamed response), such as a recorded response. */
  final?: Record<string, unknown>
}

export interface OllamaServerOptions {
  /** Models listed in `/api/tags`; default `gemma3:latest`. */
  models?: StandInModel[]
  /** Replies to chat and generate calls, in order; the last one repeats. */
  replies?: ScriptedReply[]
  /** Version reported by `/api/version`. */
  version?: string
  /** Fault of `/api/version`, `/api/tags` and `/api/show`: HTTP status with `{"error": …}`. */
  metadataStatus?: number
  /** Delay between `/api/pull` progress lines. */
  pullDelayMs?: number
}

/** A request as the stand-in received it. */
export interface RecordedRequest {
  method: string
  path: string
  headers: IncomingHttpHeaders
  /** Parsed JSON body, or null for requests without one. */
  body: Record<string, unknown> | null
  /** Milliseconds since the server started. */
  receivedAtMs: number
}

export interface OllamaServer {
  /** Base URL, such as `http://127.0.0.1:40123`. */
  url: string
  port: number
  readonly requests: RecordedRequest[]
  readonly models: StandInModel[]
  /** Requests to `/api/chat` and `/api/generate`. */
  chatRequests(): RecordedRequest[]
  /** Replaces the scripted replies; the last one repeats. */
  script(...replies: ScriptedReply[]): void
  /** Stops the server and destroys open connections, including hanging ones. */
  close(): Promise<void>
}

export const DEFAULT_NARRATIVE = 'Latency for chat stayed level in this pull request.'
const DEFAULT_DIGEST = 'a2af6cc3eb7fa8be8504abaf9b04e88f17a119ec3f04a3addf55f92841195f5a'
const PROMPT_EVAL_NS_PER_TOKEN = 500_000
const EVAL_NS_PER_TOKEN = 20_000_000
const LOAD_NS = 120_000_000
/** Context window Ollama uses when the request sets no `num_ctx`. */
const DEFAULT_NUM_CTX = 4096

/** Starts the stand-in on 127.0.0.1 on a free port. */
export async function startOllamaServer(options: OllamaServerOptions = {}): Promise<OllamaServer> {
  const models = [...(options.models ?? [{ name: 'gemma3:latest' }])]
  let replies = [...(options.replies ?? [{}])]
  let replyIndex = 0
  const requests: RecordedRequest[] = []
  const started = performance.now()
  let closing = false

  const nextReply = (): ScriptedReply => {
    const reply = replies[Math.min(replyIndex, replies.length - 1)] ?? {}
    replyIndex += 1
    return reply
  }

  const server = createServer((request, response) => {
    void handle(request, response).catch(error => {
      if (!response.headersSent && !response.destroyed) sendJson(response, 500, { error: String(error) })
      else response.destroy()
    })
  })

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const text = await readBody(request)
    let body: Record<string, unknown> | null = null
    if (text !== '') {
      try {
        body = JSON.parse(text) as Record<string, unknown>
      } catch {
        requests.push(record(request, null))
        sendJson(response, 400, { error: 'invalid character in request body' })
        return
      }
    }
    requests.push(record(request, body))
    const path = (request.url ?? '/').split('?')[0]

    if (options.metadataStatus !== undefined && ['/api/version', '/api/tags', '/api/show'].includes(path)) {
      sendJson(response, options.metadataStatus, { error: 'server error' })
      return
    }
    if (request.method === 'GET' && path === '/api/version') {
      sendJson(response, 200, { version: options.version ?? '0.9.6' })
    } else if (request.method === 'GET' && path === '/api/tags') {
      sendJson(response, 200, { models: models.map(describeModel) })
    } else if (request.method === 'GET' && path === '/api/ps') {
      sendJson(response, 200, { models: models.map(model => ({ ...describeModel(model), size_vram: model.size ?? 0, expires_at: '2030-01-01T00:00:00Z' })) })
    } else if (request.method === 'POST' && path === '/api/show') {
      const model = findModel(models, String(body?.model ?? body?.name ?? ''))
      if (model === undefined) sendJson(response, 404, { error: `model '${String(body?.model ?? body?.name)}' not found` })
      else sendJson(response, 200, showModel(model))
    } else if (request.method === 'POST' && path === '/api/pull') {
      await pull(String(body?.model ?? body?.name ?? ''), body?.stream !== false, response)
    } else if (request.method === 'POST' && (path === '/api/chat' || path === '/api/generate')) {
      await generate(path === '/api/chat' ? 'chat' : 'generate', body ?? {}, nextReply(), response)
    } else {
      sendJson(response, 404, { error: '404 page not found' })
    }
  }

  function record(request: IncomingMessage, body: Record<string, unknown> | null): RecordedRequest {
    return {
      method: request.method ?? '',
      path: (request.url ?? '/').split('?')[0],
      headers: request.headers,
      body,
      receivedAtMs: performance.now() - started
    }
  }

  async function pull(name: string, stream: boolean, response: ServerResponse): Promise<void> {
    const full = withTag(name)
    const digest = `sha256:${DEFAULT_DIGEST}`
    const total = 3_338_801_804
    const progress = [
      { status: 'pulling manifest' },
      { status: `pulling ${DEFAULT_DIGEST.slice(0, 12)}`, digest, total, completed: 0 },
      { status: `pulling ${DEFAULT_DIGEST.slice(0, 12)}`, digest, total, completed: Math.floor(total / 2) },
      { status: `pulling ${DEFAULT_DIGEST.slice(0, 12)}`, digest, total, completed: total },
      { status: 'verifying sha256 digest' },
      { status: 'writing manifest' },
      { status: 'success' }
    ]
    if (findModel(models, full) === undefined) models.push({ name: full })
    if (!stream) {
      sendJson(response, 200, { status: 'success' })
      return
    }
    response.writeHead(200, { 'Content-Type': 'application/x-ndjson' })
    for (const line of progress) {
      if (closing) return
      response.write(`${JSON.stringify(line)}\n`)
      await delay(options.pullDelayMs ?? 0)
    }
    response.end()
  }

  async function generate(endpoint: 'chat' | 'generate', body: Record<string, unknown>, reply: ScriptedReply, response: ServerResponse): Promise<void> {
    const modelName = String(body.model ?? '')
    if (reply.fault === 'no-headers') return // closed by close()

    await delay(reply.firstChunkDelayMs ?? 0)
    if (closing) return

    if (reply.fault === 'http-error') {
      sendJson(response, reply.status ?? 500, { error: reply.error ?? 'llama runner process has terminated: exit status 2' })
      return
    }
    const model = findModel(models, modelName)
    if (model === undefined) {
      sendJson(response, 404, { error: `model "${modelName}" not found, try pulling it first` })
      return
    }

    const text = reply.text ?? DEFAULT_NARRATIVE
    const chunks = reply.chunks ?? splitText(text)
    const content = chunks.join('')
    const final = finalFields(body, reply, content, model.name)
    const piece = (value: string, done: boolean): Record<string, unknown> => {
      const common = { model: model.name, created_at: new Date().toISOString() }
      return endpoint === 'chat'
        ? { ...common, message: { role: 'assistant', content: value }, done }
        : { ...common, response: value, done }
    }

    if (body.stream === false && reply.lines === undefined && reply.fault === undefined) {
      sendJson(response, 200, { ...piece(content, true), ...final })
      return
    }

    response.writeHead(200, { 'Content-Type': 'application/x-ndjson' })
    const lines = reply.lines ?? chunks.map(chunk => JSON.stringify(piece(chunk, false)))
    for (const [index, line] of lines.entries()) {
      if (index > 0) await delay(reply.chunkDelayMs ?? 0)
      if (closing || response.destroyed) return
      response.write(`${line}\n`)
    }
    if (reply.lines !== undefined) {
      response.end()
      return
    }
    await delay(reply.chunkDelayMs ?? 0)
    if (closing || response.destroyed) return
    switch (reply.fault) {
      case 'cut':
        response.end()
        return
      case 'reset':
        response.socket?.destroy()
        return
      case 'error-line':
        response.end(`${JSON.stringify({ error: reply.error ?? 'an error was encountered while running the model: CUDA error: out of memory' })}\n`)
        return
      default:
        response.end(`${JSON.stringify({ ...piece('', true), ...final })}\n`)
    }
  }

  server.keepAliveTimeout = 1000
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    models,
    chatRequests: () => requests.filter(request => request.path === '/api/chat' || request.path === '/api/generate'),
    script: (...next: ScriptedReply[]) => {
      replies = next.length > 0 ? next : [{}]
      replyIndex = 0
    },
    close: async () => {
      closing = true
      server.closeAllConnections()
      await new Promise<void>(resolve => server.close(() => resolve()))
    }
  }
}

/** Returns a base URL on 127.0.0.1 whose port was just released, so connecting to it is refused. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  await new Promise<void>(resolve => server.close(() => resolve()))
  return `http://127.0.0.1:${port}`
}

/** Adds the `latest` tag to a model name without one, as Ollama does. */
export function withTag(name: string): string {
  const lastSegment = name.slice(name.lastIndexOf('/') + 1)
  return lastSegment.includes(':') ? name : `${name}:latest`
}

function findModel(models: StandInModel[], name: string): StandInModel | undefined {
  const wanted = withTag(name)
  return models.find(model => withTag(model.name) === wanted)
}

function describeModel(model: StandInModel): Record<string, unknown> {
  const family = model.name.split(':')[0].split('/').pop() ?? model.name
  return {
    name: model.name,
    model: model.name,
    modified_at: '2025-01-01T00:00:00Z',
    size: model.size ?? 3_338_801_804,
    digest: model.digest ?? DEFAULT_DIGEST,
    details: {
      parent_model: '',
      format: 'gguf',
      family,
      families: [family],
      parameter_size: model.parameterSize ?? '4.3B',
      quantization_level: 'Q4_K_M'
    }
  }
}

function showModel(model: StandInModel): Record<string, unknown> {
  const parameters = Object.entries(model.parameters ?? {})
    .map(([name, value]) => `${name.padEnd(30)} ${value}`)
    .join('\n')
  return {
    modelfile: `FROM ${model.name}`,
    parameters,
    template: '{{ .Prompt }}',
    details: describeModel(model).details,
    model_info: { 'general.architecture': 'gemma3', 'gemma3.context_length': model.contextLength ?? 131072 },
    capabilities: ['completion'],
    modified_at: '2025-01-01T00:00:00Z'
  }
}

function finalFields(body: Record<string, unknown>, reply: ScriptedReply, content: string, _model: string): Record<string, unknown> {
  const options = (body.options ?? {}) as Record<string, unknown>
  const numCtx = typeof options.num_ctx === 'number' ? options.num_ctx : DEFAULT_NUM_CTX
  const promptTokens = countTokens(promptText(body))
  // Like recent Ollama versions, a prompt longer than the window loses its start and is reported as num_ctx / 2 + 2 tokens.
  let promptEvalCount: number | null = promptTokens > numCtx ? Math.floor(numCtx / 2) + 2 : promptTokens
  if (reply.promptEvalCount !== undefined) promptEvalCount = reply.promptEvalCount
  const evalCount = reply.evalCount !== undefined ? reply.evalCount : Math.max(1, Math.ceil(content.length / 4))

  const promptEvalDuration = (promptEvalCount ?? 0) * PROMPT_EVAL_NS_PER_TOKEN
  const evalDuration = (evalCount ?? 0) * EVAL_NS_PER_TOKEN
  const fields: Record<string, unknown> = {
    done_reason: reply.doneReason ?? 'stop',
    total_duration: LOAD_NS + promptEvalDuration + evalDuration + 1_000_000,
    load_duration: LOAD_NS,
    prompt_eval_duration: promptEvalDuration,
    eval_duration: evalDuration
  }
  if (promptEvalCount !== null) fields.prompt_eval_count = promptEvalCount
  if (evalCount !== null) fields.eval_count = evalCount
  return { ...fields, ...reply.final }
}

function promptText(body: Record<string, unknown>): string {
  if (Array.isArray(body.messages)) return body.messages.map((message: { content?: unknown }) => String(message.content ?? '')).join('')
  return String(body.system ?? '') + String(body.prompt ?? '')
}

function countTokens(text: string): number {
  const digits = (text.match(/[0-9]/g) ?? []).length
  return digits + Math.ceil((text.length - digits) / 4)
}

function splitText(text: string): string[] {
  if (text === '') return ['']
  const words = text.split(/(?<=\s)/)
  const size = Math.max(1, Math.ceil(words.length / 4))
  const chunks: string[] = []
  for (let index = 0; index < words.length; index += size) chunks.push(words.slice(index, index + size).join(''))
  return chunks
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' })
  response.end(JSON.stringify(body))
}

async function readBody(request: IncomingMessage): Promise<string> {
  const parts: Buffer[] = []
  for await (const part of request) parts.push(part as Buffer)
  return Buffer.concat(parts).toString('utf8')
}
