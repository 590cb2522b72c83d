/**
 * The bundled action as a runner starts it, against the stand-in GitHub REST API:
 * the sticky comment, its faults, and the job summary that is always written.
 */
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, afterEach, before, beforeEach, describe, it } from 'node:test'
import { casesMissing, casesRoot, corpusMissing, corpusRoot, runAction, type ActionResult, type ActionRunOptions } from './support/action-runner.js'
import { GitHubServer, forbidden, serverError, unprocessable } from './support/github-server.js'
import { pullRequestEvent, pullRequestRepository, type PullRequestRepository } from './support/scenarios.js'

const MARKER_PREFIX = '<!-- ollama-benchmark-report:sticky'

function describeRun(result: ActionResult): string {
  return `exit ${result.exitCode}\nannotations: ${JSON.stringify(result.annotations)}\nstderr:\n${result.stderr.slice(-2000)}`
}

describe('sticky comment on the corpus', { skip: corpusMissing() }, () => {
  let github: GitHubServer
  let pullRequest: PullRequestRepository

  before(() => {
    pullRequest = pullRequestRepository(corpusRoot, corpusRoot)
  })
  after(() => pullRequest?.repository.remove())
  beforeEach(async () => {
    github = await GitHubServer.start()
  })
  afterEach(async () => github?.close())

  function run(overrides: Partial<ActionRunOptions> = {}, event: object = pullRequestEvent(pullRequest.baseSha, pullRequest.headSha)): Promise<ActionResult> {
    return runAction({
      workspace: pullRequest.repository.path,
      eventName: 'pull_request',
      event,
      ...overrides,
      inputs: { narrative: 'off', ...overrides.inputs },
      env: { GITHUB_API_URL: github.url, GITHUB_SHA: pullRequest.headSha, OLLAMA_BENCHMARK_REPORT_RETRY_UNIT_MS: '1', ...overrides.env }
    })
  }

  it('two runs create then update one comment', async () => {
    const first = await run()
    assert.equal(first.exitCode, 0, describeRun(first))
    assert.equal(github.commentsOf(7).length, 1)
    assert.equal(github.requestsOf('create-comment').length, 1)
    assert.ok(github.commentsOf(7)[0].body.startsWith(MARKER_PREFIX))
    assert.equal(first.outputs['comment-id'], String(github.commentsOf(7)[0].id))
    assert.ok(first.outputs['comment-url'].includes(`issuecomment-${github.commentsOf(7)[0].id}`))

    const unchanged = await run()
    assert.equal(unchanged.exitCode, 0, describeRun(unchanged))
    assert.equal(github.requestsOf('create-comment').length, 1, 'the second run must not create a comment')
    assert.equal(github.requestsOf('update-comment').length, 0, 'an unchanged body must not be written again')

    const csv = join(pullRequest.repository.path, 'reports/gemma3/gemma3_270m_baseline.csv')
    const original = readFileSync(csv, 'utf8')
    try {
      writeFileSync(csv, original.replace(/\n$/, '') + '\n')
      writeFileSync(join(pullRequest.repository.path, 'reports/extra_run.csv'), 'series,latency_ms\nchat,100\nchat,110\nchat,120\n')
      const changed = await run()
      assert.equal(changed.exitCode, 0, describeRun(changed))
      assert.equal(github.requestsOf('create-comment').length, 1)
      assert.equal(github.requestsOf('update-comment').length, 1)
      assert.equal(github.commentsOf(7).length, 1)
    } finally {
      writeFileSync(csv, original)
      pullRequest.repository.git('clean', '-fdq', 'reports')
    }
  })

  it('another comment-key gets its own comment', async () => {
    await run({ inputs: { 'comment-key': 'gpu-a' } })
    await run({ inputs: { 'comment-key': 'gpu-b' } })
    assert.equal(github.commentsOf(7).length, 2)
    assert.equal(github.requestsOf('create-comment').length, 2)
  })

  it('fork pull request skips the comment', async () => {
    const result = await run({}, pullRequestEvent(pullRequest.baseSha, pullRequest.headSha, { headRepository: 'contributor/project' }))
    assert.equal(result.exitCode, 0, describeRun(result))
    assert.equal(github.writes().length, 0)
    assert.ok(result.annotations.some(annotation => annotation.level === 'warning' && /fork/i.test(annotation.message)), describeRun(result))
    assert.match(result.summary, /Benchmark/i)
    assert.equal(result.outputs['comment-id'], '')
  })

  it('403 on the same repository warns about permissions', async () => {
    github.failNext('create-comment', forbidden(), Infinity)
    const result = await run()
    assert.equal(result.exitCode, 0, describeRun(result))
    assert.ok(result.annotations.some(annotation => annotation.level === 'warning' && /pull-requests: write/.test(annotation.message)), describeRun(result))
    assert.ok(result.summary.length > 0)
  })

  it('422 is one warning and the summary is written', async () => {
    github.failNext('create-comment', unprocessable(), Infinity)
    const result = await run()
    assert.equal(result.exitCode, 0, describeRun(result))
    assert.ok(result.annotations.some(annotation => annotation.level === 'warning' && /422/.test(annotation.message)), describeRun(result))
    assert.ok(result.summary.length > 0)
  })

  it('5xx twice is retried', async () => {
    github.failNext('create-comment', serverError(), 2)
    const result = await run()
    assert.equal(result.exitCode, 0, describeRun(result))
    assert.equal(github.commentsOf(7).length, 1)
    assert.equal(github.requestsOf('create-comment').length, 3)
  })

  it('5xx always gives up with a warning', async () => {
    github.failNext('create-comment', serverError(), Infinity)
    const result = await run()
    assert.equal(result.exitCode, 0, describeRun(result))
    assert.ok(github.requestsOf('create-comment').length <= 3, `attempts: ${github.requestsOf('create-comment').length}`)
    assert.ok(result.annotations.some(annotation => annotation.level === 'warning' && /comment/i.test(annotation.message)), describeRun(result))
    assert.ok(result.summary.length > 0)
  })

  it('workflow_dispatch with pr-number comments', async () => {
    const result = await run({ eventName: 'workflow_dispatch', inputs: { 'pr-number': '7', 'baseline-ref': pullRequest.baseSha } }, { repository: { full_name: 'owner-org/project', default_branch: 'main' } })
    assert.equal(result.exitCode, 0, describeRun(result))
    assert.equal(github.commentsOf(7).length, 1)
  })

  it('workflow_dispatch without pr-number writes summary only', async () => {
    const result = await run({ eventName: 'workflow_dispatch', inputs: { 'baseline-ref': pullRequest.baseSha } }, { repository: { full_name: 'owner-org/project', default_branch: 'main' } })
    assert.equal(result.exitCode, 0, describeRun(result))
    assert.equal(github.requests.length, 0)
    assert.ok(result.summary.length > 0)
  })
})

describe('comment regression cases', { skip: casesMissing() }, () => {
  let github: GitHubServer
  const repositories: PullRequestRepository[] = []

  beforeEach(async () => {
    github = await GitHubServer.start()
  })
  afterEach(async () => github?.close())
  after(() => repositories.forEach(entry => entry.repository.remove()))

  function runCase(name: string, options: { event?: (pullRequest: PullRequestRepository) => object; inputs?: Record<string, string> } = {}): Promise<ActionResult> {
    const pullRequest = pullRequestRepository(join(casesRoot, name, 'pr'), join(casesRoot, name, 'base'))
    repositories.push(pullRequest)
    return runAction({
      workspace: pullRequest.repository.path,
      eventName: 'pull_request',
      event: options.event?.(pullRequest) ?? pullRequestEvent(pullRequest.baseSha, pullRequest.headSha),
      inputs: { narrative: 'off', ...options.inputs },
      env: { GITHUB_API_URL: github.url, GITHUB_SHA: pullRequest.headSha, OLLAMA_BENCHMARK_REPORT_RETRY_UNIT_MS: '1' }
    })
  }

  it('oversized report fits the comment limit', async () => {
    const result = await runCase('B24')
    assert.equal(result.exitCode, 1, describeRun(result))
    const [comment] = github.commentsOf(7)
    assert.ok(comment, 'no comment was written')
    assert.ok(comment.body.length <= 65_536, `comment has ${comment.body.length} characters`)
    assert.ok(Buffer.byteLength(comment.body) <= 65_536, `comment has ${Buffer.byteLength(comment.body)} bytes`)
    assert.match(comment.body, /endpoint-v1-completions-region-eu-west-variant-1337/)
    assert.match(comment.body, /\+50\.0 %/)
    assert.match(comment.body, /1,399/)
    assert.match(comment.body, /actions\/runs\/4242/)
    assert.ok(Buffer.byteLength(result.summary) <= 1_048_576)
    assert.match(result.summary, /variant-0001/)
    assert.match(result.summary, /variant-1400/)
  })

  it('fork token 403 keeps the job green', async () => {
    const forkEvent = JSON.parse(readFileSync(join(casesRoot, 'B25/mock/event_pull_request_from_fork.json'), 'utf8'))
    const response = JSON.parse(readFileSync(join(casesRoot, 'B25/mock/create_comment_403.json'), 'utf8'))
    github.failNext('create-comment', { status: response.status, body: response.body }, Infinity)
    github.failNext('update-comment', { status: response.status, body: response.body }, Infinity)
    const result = await runCase('B25', {
      event: pullRequest => ({
        ...forkEvent,
        pull_request: {
          ...forkEvent.pull_request,
          head: { ...forkEvent.pull_request.head, sha: pullRequest.headSha },
          base: { ...forkEvent.pull_request.base, sha: pullRequest.baseSha }
        }
      })
    })
    assert.equal(result.exitCode, 0, describeRun(result))
    assert.ok(result.annotations.some(annotation => annotation.level === 'warning' && /fork/i.test(annotation.message)), describeRun(result))
    assert.doesNotMatch(result.stdout, /pull_request_target/)
    assert.match(result.summary, /chat/)
  })

  it('busy pull request updates the oldest bot comment', async () => {
    const marker = '<!-- bench-report:sticky -->'
    for (const page of ['list_comments_page1.json', 'list_comments_page2.json']) {
      const comments = JSON.parse(readFileSync(join(casesRoot, 'B26/mock', page), 'utf8')) as { id: number; user: { login: string; type: 'User' | 'Bot' }; body: string; created_at: string }[]
      for (const comment of comments) {
        // The case uses a generic marker; ours is the action's own, keyed by workflow and job. The human's quote of it is rewritten too.
        const body = comment.body.replace(marker, '<!-- ollama-benchmark-report:sticky key=benchmarks%2Freport -->')
        github.addComment(7, { id: comment.id, body, login: comment.user.login, type: comment.user.type, createdAt: comment.created_at, repository: 'owner-org/project' })
      }
    }
    const human = github.commentsOf(7).find(comment => comment.id === 1005)
    const result = await runCase('B26')
    assert.equal(result.exitCode, 0, describeRun(result))
    assert.equal(github.requestsOf('create-comment').length, 0)
    const updates = github.requestsOf('update-comment')
    assert.equal(updates.length, 1)
    assert.match(updates[0].path, /\/issues\/comments\/1033$/)
    assert.equal(github.commentsOf(7).find(comment => comment.id === 1005)?.body, human?.body)
  })
})
