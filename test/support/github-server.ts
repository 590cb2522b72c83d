/**
 * A stand-in for the parts of the GitHub REST API that the action calls, served on
 * 127.0.0.1 at a free port. Point the action at it with `GITHUB_API_URL=server.url`
 * (and `RunContext.apiUrl`).
 *
 * Routes, under any `owner/repo`:
 * - `GET  /repos/:owner/:repo/issues/:number/comments?per_page&page`: oldest first, with a
 *   `Link` header (`rel="next"`, `rel="last"`) as GitHub sends it; `per_page` defaults to 30,
 *   at most 100.
 * - `POST /repos/:owner/:repo/issues/:number/comments` (`{ body }`): 201 and the new comment,
 *   written as the token's identity.
 * - `PATCH /repos/:owner/:repo/issues/comments/:id` (`{ body }`): 200, or 404 for an unknown id.
 *   Create and update return 422 for a body over 65,536 characters, as GitHub does.
 * - `DELETE /repos/:owner/:repo/issues/comments/:id`: 204, or 404 for an unknown id.
 * - `GET /user`: 200 with the login for a personal token; 403 "Resource not accessible by
 *   integration" for an installation token such as the workflow's `GITHUB_TOKEN`.
 *
 * Tokens are read from `Authorization: token X` or `Bearer X`. A token registered with
 * `setToken` has that identity. Any other token acts as an installation token, so its
 * comments are written by `github-actions[bot]` (type `Bot`), as GitHub does for
 * `GITHUB_TOKEN`.
 *
 * Faults: `failNext(route, fault, times)` returns the fault for the next `times` calls of
 * a route instead of the normal response (`Infinity` for every call). The helpers
 * `serverError`, `secondaryRateLimit`, `forbidden` and `unprocessable` build common faults.
 * Every request, faulted or not, is kept in `requests` with method, path, query and
 * parsed body.
 *
 * Run the action with `OLLAMA_BENCHMARK_REPORT_RETRY_UNIT_MS=1` in its environment, so
 * Octokit's retry back-off and its one-second spacing of writes take milliseconds.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** Route names for `failNext` and for filtering `requests`. */
export type GitHubRoute = 'list-comments' | 'create-comment' | 'update-comment' | 'delete-comment' | 'get-user'

/** A comment as the REST API returns it (the fields the action reads). */
export interface StoredComment {
  id: number
  body: string
  user: { login: string; type: 'User' | 'Bot' }
  created_at: string
  updated_at: string
  html_url: string
  /** Pull request (issue) number the comment belongs to. */
  issue: number
  /** `owner/name` of the repository. */
  repository: string
}

/** Who a token acts as: a user's personal token, or an installation token that `GET /user` rejects. */
export type TokenIdentity = { kind: 'personal'; login: string } | { kind: 'installation'; login: string }

export interface RecordedRequest {
  method: string
  /** Path without the query string, such as `/repos/o/r/issues/7/comments`. */
  path: string
  query: URLSearchParams
  /** Parsed JSON body, or undefined when there was none. */
  body: unknown
  route: GitHubRoute | null
  /** Status of the server's response. */
  status: number
  /** The token from the Authorization header, '' when absent. */
  token: string
}

/** A response given instead of the route's normal one. */
export interface Fault {
  status: number
  body?: unknown
  headers?: Record<string, string>
  /** Milliseconds to wait before responding, to stand for a stalled connection. */
  delayMs?: number
}

/** 502 Bad Gateway, as GitHub's front end returns during an outage. */
export function serverError(status = 502): Fault {
  return { status, body: { message: 'Server Error' } }
}

/** 403 with GitHub's secondary rate limit message and a `retry-after` in seconds. */
export function secondaryRateLimit(retryAfterSeconds = 1): Fault {
  return {
    status: 403,
    headers: { 'retry-after': String(retryAfterSeconds) },
    body: {
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits'
    }
  }
}

/** 403 for a token without write access, as a fork pull request's token gets. */
export function forbidden(message = 'Resource not accessible by integration'): Fault {
  return { status: 403, body: { message, documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment' } }
}

/** 422 Validation Failed, as GitHub returns for a body over 65,536 characters. */
export function unprocessable(): Fault {
  return {
    status: 422,
    body: {
      message: 'Validation Failed',
      errors: [{ resource: 'IssueComment', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' }]
    }
  }
}

export const INSTALLATION_LOGIN = 'github-actions[bot]'
/** GitHub's limit on a comment body; longer bodies get 422. */
const MAX_COMMENT_CHARS = 65_536
const HTML_BASE = 'https://github.test'

export class GitHubServer {
  /** API base URL, such as `http://127.0.0.1:40123`. */
  readonly url: string
  readonly requests: RecordedRequest[] = []
  private readonly comments: StoredComment[] = []
  private readonly tokens = new Map<string, TokenIdentity>()
  private readonly faults = new Map<GitHubRoute, { fault: Fault; remaining: number }[]>()
  private nextId = 1
  private clock = Date.parse('2025-01-01T00:00:00Z')

  private constructor(
    private readonly server: Server,
    port: number
  ) {
    this.url = `http://127.0.0.1:${port}`
  }

  /** Starts a server on 127.0.0.1 at a free port. */
  static async start(): Promise<GitHubServer> {
    let instance: GitHubServer | undefined
    const server = createServer((request, response) => {
      void instance!.handle(request, response)
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', resolve)
    })
    instance = new GitHubServer(server, (server.address() as AddressInfo).port)
    return instance
  }

  /** Stops the server and closes open connections. */
  async close(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise<void>(resolve => this.server.close(() => resolve()))
  }

  /** Registers the identity of a token: personal (GET /user returns 200) or installation (403). */
  setToken(token: string, identity: TokenIdentity): void {
    this.tokens.set(token, identity)
  }

  /** Adds a comment as if written earlier; returns it. Ids and times increase with each call unless given. */
  addComment(
    issue: number,
    comment: { body: string; login: string; type?: 'User' | 'Bot'; id?: number; createdAt?: string; repository?: string }
  ): StoredComment {
    const id = comment.id ?? this.nextId
    this.nextId = Math.max(this.nextId, id + 1)
    const createdAt = comment.createdAt ?? this.tick()
    const repository = comment.repository ?? 'owner/repo'
    const stored: StoredComment = {
      id,
      body: comment.body,
      user: { login: comment.login, type: comment.type ?? (comment.login.endsWith('[bot]') ? 'Bot' : 'User') },
      created_at: createdAt,
      updated_at: createdAt,
      html_url: `${HTML_BASE}/${repository}/pull/${issue}#issuecomment-${id}`,
      issue,
      repository
    }
    this.comments.push(stored)
    this.comments.sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id)
    return stored
  }

  /** Comments of one pull request, oldest first. */
  commentsOf(issue: number): StoredComment[] {
    return this.comments.filter(comment => comment.issue === issue)
  }

  /** Returns `fault` for the next `times` calls of `route` (`Infinity`: every call). */
  failNext(route: GitHubRoute, fault: Fault, times = 1): void {
    const queue = this.faults.get(route) ?? []
    queue.push({ fault, remaining: times })
    this.faults.set(route, queue)
  }

  /** Recorded requests of one route. */
  requestsOf(route: GitHubRoute): RecordedRequest[] {
    return this.requests.filter(request => request.route === route)
  }

  /** Recorded requests that change data (POST, PATCH, PUT, DELETE). */
  writes(): RecordedRequest[] {
    return this.requests.filter(request => request.method !== 'GET' && request.method !== 'HEAD')
  }

  private tick(): string {
    this.clock += 60_000
    return new Date(this.clock).toISOString().replace('.000Z', 'Z')
  }

  private identityOf(token: string): TokenIdentity {
    return this.tokens.get(token) ?? { kind: 'installation', login: INSTALLATION_LOGIN }
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url)
    const method = request.method ?? 'GET'
    const text = await readBody(request)
    let body: unknown
    try {
      body = text === '' ? undefined : JSON.parse(text)
    } catch {
      body = text
    }
    const token = /^(?:token|bearer)\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? ''
    const match = matchRoute(method, url.pathname)
    const record: RecordedRequest = { method, path: url.pathname, query: url.searchParams, body, route: match?.route ?? null, status: 0, token }
    this.requests.push(record)

    const send = (status: number, payload?: unknown, headers: Record<string, string> = {}): void => {
      record.status = status
      const content = payload === undefined ? '' : JSON.stringify(payload)
      response.writeHead(status, {
        ...(payload === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
        ...headers
      })
      response.end(content)
    }

    if (match === null) {
      send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' })
      return
    }
    const fault = this.takeFault(match.route)
    if (fault !== null) {
      if (fault.delayMs !== undefined) await new Promise(resolve => setTimeout(resolve, fault.delayMs))
      // The client may have given up and closed the connection meanwhile.
      if (response.destroyed) return
      send(fault.status, fault.body, fault.headers)
      return
    }

    const identity = this.identityOf(token)
    switch (match.route) {
      case 'get-user':
        if (identity.kind === 'installation') {
          send(403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest/users/users#get-the-authenticated-user' })
        } else {
          send(200, { login: identity.login, id: 1, type: 'User' })
        }
        return
      case 'list-comments':
        this.listComments(Number(match.params[2]), url, send)
        return
      case 'create-comment': {
        const text = readCommentBody(body)
        if (text.length > MAX_COMMENT_CHARS) {
          send(422, unprocessable().body)
          return
        }
        const comment = this.addComment(Number(match.params[2]), {
          body: text,
          login: identity.login,
          type: identity.kind === 'installation' ? 'Bot' : 'User',
          repository: `${match.params[0]}/${match.params[1]}`
        })
        send(201, publicComment(comment))
        return
      }
      case 'update-comment': {
        const comment = this.comments.find(candidate => candidate.id === Number(match.params[2]))
        if (comment === undefined) {
          send(404, { message: 'Not Found' })
          return
        }
        const text = readCommentBody(body)
        if (text.length > MAX_COMMENT_CHARS) {
          send(422, unprocessable().body)
          return
        }
        comment.body = text
        comment.updated_at = this.tick()
        send(200, publicComment(comment))
        return
      }
      case 'delete-comment': {
        const index = this.comments.findIndex(candidate => candidate.id === Number(match.params[2]))
        if (index < 0) {
          send(404, { message: 'Not Found' })
          return
        }
        this.comments.splice(index, 1)
        send(204)
        return
      }
    }
  }

  private listComments(issue: number, url: URL, send: (status: number, payload?: unknown, headers?: Record<string, string>) => void): void {
    const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 30) || 30))
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1)
    const all = this.commentsOf(issue)
    const lastPage = Math.max(1, Math.ceil(all.length / perPage))
    const slice = all.slice((page - 1) * perPage, page * perPage)

    const pageUrl = (number: number): string => {
      const next = new URL(url.pathname, this.url)
      next.searchParams.set('per_page', String(perPage))
      next.searchParams.set('page', String(number))
      return next.toString()
    }
    const links: string[] = []
    if (page > 1) links.push(`<${pageUrl(1)}>; rel="first"`, `<${pageUrl(page - 1)}>; rel="prev"`)
    if (page < lastPage) links.push(`<${pageUrl(page + 1)}>; rel="next"`, `<${pageUrl(lastPage)}>; rel="last"`)
    send(200, slice.map(publicComment), links.length > 0 ? { link: links.join(', ') } : {})
  }

  private takeFault(route: GitHubRoute): Fault | null {
    const queue = this.faults.get(route)
    if (queue === undefined || queue.length === 0) return null
    const entry = queue[0]
    entry.remaining -= 1
    if (entry.remaining <= 0) queue.shift()
    return entry.fault
  }
}

function matchRoute(method: string, path: string): { route: GitHubRoute; params: string[] } | null {
  const table: [string, RegExp, GitHubRoute][] = [
    ['GET', /^\/user$/, 'get-user'],
    ['GET', /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/, 'list-comments'],
    ['POST', /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/, 'create-comment'],
    ['PATCH', /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/, 'update-comment'],
    ['DELETE', /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/, 'delete-comment']
  ]
  for (const [routeMethod, pattern, route] of table) {
    const found = routeMethod === method ? pattern.exec(path) : null
    if (found !== null) return { route, params: found.slice(1) }
  }
  return null
}

function publicComment(comment: StoredComment): Omit<StoredComment, 'issue' | 'repository'> {
  const { issue: _issue, repository: _repository, ...rest } = comment
  return rest
}

function readCommentBody(body: unknown): string {
  if (typeof body === 'object' && body !== null && typeof (body as { body?: unknown }).body === 'string') {
    return (body as { body: string }).body
  }
  return ''
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}
