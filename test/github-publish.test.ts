/**
 * publishReport and readPublishedNarrative against the stand-in GitHub REST API on
 * 127.0.0.1, with real GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files in a temp folder.
 */
import assert from 'node:assert/strict'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, afterEach, before, beforeEach, describe, test } from 'node:test'
import { CountingLogger, MemoryLogger } from '../src/logger.js'
import { publishReport, readPublishedNarrative, type ReportModel, type RunContext } from '../src/publish/index.js'
import { createGitHubClient, RETRY_UNIT_VARIABLE } from '../src/publish/github/client.js'
import { narrativeStartMarker, NARRATIVE_END_MARKER, stickyMarker } from '../src/publish/markers.js'
import { readRunEnvironment } from '../src/run-context.js'
import { forbidden, GitHubServer, secondaryRateLimit, serverError, unprocessable, INSTALLATION_LOGIN } from './support/github-server.js'
import {
  comparisonOf,
  emptyAnalysis,
  latencyEntry,
  parseOutputFile,
  pullRequestRun,
  reportModel,
  RunnerFiles,
  settingsFrom
} from './support/github-fixtures.js'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const casesRoot = resolve(repoRoot, '../shared/cases')
const casesMissing = existsSync(casesRoot) ? false : `the regression cases are absent at ${casesRoot}`

const KEY = 'Benchmarks/report'
const MARKER = stickyMarker(KEY)
const PERSONAL_TOKEN = 'personal-token'
const ACTIONS_TOKEN = 'actions-token'

let server: GitHubServer
let files: RunnerFiles
let savedRetryUnit: string | undefined

before(() => {
  savedRetryUnit = process.env[RETRY_UNIT_VARIABLE]
  process.env[RETRY_UNIT_VARIABLE] = '1'
})

after(() => {
  if (savedRetryUnit === undefined) delete process.env[RETRY_UNIT_VARIABLE]
  else process.env[RETRY_UNIT_VARIABLE] = savedRetryUnit
})

beforeEach(async () => {
  server = await GitHubServer.start()
  server.setToken(PERSONAL_TOKEN, { kind: 'personal', login: 'octo-user' })
  files = new RunnerFiles()
  process.env.GITHUB_API_URL = server.url
})

afterEach(async () => {
  delete process.env.GITHUB_API_URL
  files.dispose()
  await server.close()
})

function model(inputs: Record<string, string> = {}, run: Partial<RunContext> = {}, entries = [latencyEntry('chat', 100, 101)]): ReportModel {
  const settings = settingsFrom({ 'github-token': ACTIONS_TOKEN, 'comment-key': KEY, 'report-directory': files.reportDirectory, ...inputs }, files.root)
  return reportModel(settings, pullRequestRun(server.url, files.summaryPath, run), comparisonOf(entries))
}

function summary(): string {
  return readFileSync(files.summaryPath, 'utf8')
}

function outputs(): Record<string, string> {
  return parseOutputFile(readFileSync(files.outputPath, 'utf8'))
}

describe('sticky comment', () => {
  test('two runs create then reuse', async () => {
    const first = await publishReport(model(), new MemoryLogger())
    assert.equal(server.requestsOf('create-comment').length, 1)
    assert.equal(server.commentsOf(7).length, 1)
    assert.equal(first.commentId, server.commentsOf(7)[0].id)

    const writesBefore = server.writes().length
    const second = await publishReport(model(), new MemoryLogger())
    assert.equal(server.writes().length, writesBefore)
    assert.equal(second.commentId, first.commentId)
  })

  test('changed report updates in place', async () => {
    await publishReport(model(), new MemoryLogger())
    await publishReport(model({}, {}, [latencyEntry('chat', 100, 150)]), new MemoryLogger())
    assert.equal(server.requestsOf('create-comment').length, 1)
    assert.equal(server.requestsOf('update-comment').length, 1)
    assert.equal(server.commentsOf(7).length, 1)
  })

  test('body starts with marker', async () => {
    await publishReport(model(), new MemoryLogger())
    const [created] = server.requestsOf('create-comment')
    assert.equal(String((created.body as { body: string }).body).split('\n')[0], MARKER)
  })

  test('body links the job summary', async () => {
    await publishReport(model(), new MemoryLogger())
    assert.match(server.commentsOf(7)[0].body, /https:\/\/github\.test\/owner\/repo\/actions\/runs\/4242/)
  })

  test('other comment key gets own comment', async () => {
    await publishReport(model(), new MemoryLogger())
    await publishReport(model({ 'comment-key': 'GPU job' }), new MemoryLogger())
    const bodies = server.commentsOf(7).map(comment => comment.body.split('\n')[0])
    assert.deepEqual(bodies, [MARKER, stickyMarker('GPU job')])
  })

  test('recreate deletes and posts anew', async () => {
    await publishReport(model(), new MemoryLogger())
    const oldId = server.commentsOf(7)[0].id
    server.addComment(7, { body: 'A review remark after the report.', login: 'reviewer-1' })

    const result = await publishReport(model({ 'comment-mode': 'recreate' }), new MemoryLogger())
    const ours = server.commentsOf(7).filter(comment => comment.body.startsWith(MARKER))
    assert.equal(ours.length, 1)
    assert.notEqual(ours[0].id, oldId)
    assert.equal(result.commentId, ours[0].id)
    assert.deepEqual(server.requestsOf('delete-comment').map(request => request.path), [`/repos/owner/repo/issues/comments/${oldId}`])
  })

  test('recreate of the last comment unchanged', async () => {
    await publishReport(model(), new MemoryLogger())
    const writesBefore = server.writes().length
    await publishReport(model({ 'comment-mode': 'recreate' }), new MemoryLogger())
    assert.equal(server.writes().length, writesBefore)
  })

  test('human comment with marker kept', async () => {
    const human = server.addComment(7, { body: `${MARKER}\nI copied the bot's report here.`, login: 'reviewer-1' })
    await publishReport(model({ 'github-token': PERSONAL_TOKEN }), new MemoryLogger())
    assert.equal(server.requestsOf('update-comment').length, 0)
    assert.equal(server.requestsOf('create-comment').length, 1)
    assert.equal(server.commentsOf(7).find(comment => comment.id === human.id)?.body, `${MARKER}\nI copied the bot's report here.`)
  })

  test('personal token finds its own comment', async () => {
    await publishReport(model({ 'github-token': PERSONAL_TOKEN }), new MemoryLogger())
    await publishReport(model({ 'github-token': PERSONAL_TOKEN }, {}, [latencyEntry('chat', 100, 150)]), new MemoryLogger())
    assert.equal(server.commentsOf(7).length, 1)
    assert.equal(server.commentsOf(7)[0].user.login, 'octo-user')
    assert.equal(server.requestsOf('update-comment').length, 1)
  })

  test('lists every page of comments', async () => {
    for (let index = 0; index < 230; index++) server.addComment(7, { body: `Remark ${index}`, login: 'reviewer-2' })
    const ours = server.addComment(7, { body: `${MARKER}\nold report`, login: INSTALLATION_LOGIN })

    await publishReport(model(), new MemoryLogger())
    const pages = server.requestsOf('list-comments').map(request => request.query.get('page') ?? '1')
    assert.deepEqual(pages, ['1', '2', '3'])
    assert.ok(server.requestsOf('list-comments').every(request => request.query.get('per_page') === '100'))
    assert.equal(server.requestsOf('create-comment').length, 0)
    assert.deepEqual(server.requestsOf('update-comment').map(request => request.path), [`/repos/owner/repo/issues/comments/${ours.id}`])
  })
})

describe('busy pull request with duplicates', { skip: casesMissing }, () => {
  function loadCase(): void {
    for (const page of ['list_comments_page1.json', 'list_comments_page2.json']) {
      const comments = JSON.parse(readFileSync(join(casesRoot, 'B26/mock', page), 'utf8')) as {
        id: number
        user: { login: string; type: 'User' | 'Bot' }
        body: string
        created_at: string
      }[]
      for (const comment of comments) {
        server.addComment(7, {
          id: comment.id,
          login: comment.user.login,
          type: comment.user.type,
          createdAt: comment.created_at,
          body: comment.body.replaceAll('<!-- bench-report:sticky -->', MARKER)
        })
      }
    }
  }

  test('updates the oldest bot comment', async () => {
    loadCase()
    await publishReport(model(), new MemoryLogger())
    assert.deepEqual(server.requestsOf('update-comment').map(request => request.path), ['/repos/owner/repo/issues/comments/1033'])
    assert.equal(server.requestsOf('create-comment').length, 0)
  })

  test('never edits the quoting human', async () => {
    loadCase()
    await publishReport(model(), new MemoryLogger())
    const touched = server.writes().map(request => request.path)
    assert.ok(!touched.some(path => path.endsWith('/1005')))
  })

  test('deletes the later duplicate', async () => {
    loadCase()
    const result = await publishReport(model(), new MemoryLogger())
    assert.deepEqual(server.requestsOf('delete-comment').map(request => request.path), ['/repos/owner/repo/issues/comments/1034'])
    assert.equal(result.commentId, 1033)
    assert.equal(server.commentsOf(7).length, 34)
  })
})

describe('comment failures', () => {
  test('fork pull request skipped up front', { skip: casesMissing }, async () => {
    const eventPath = join(casesRoot, 'B25/mock/event_pull_request_from_fork.json')
    const { run } = readRunEnvironment(
      {
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_REPOSITORY: 'owner-org/project',
        GITHUB_API_URL: server.url,
        GITHUB_RUN_ID: '99',
        GITHUB_STEP_SUMMARY: files.summaryPath
      },
      files.root
    )
    const settings = settingsFrom({ 'github-token': ACTIONS_TOKEN, 'report-directory': files.reportDirectory }, files.root)
    const log = new MemoryLogger()

    await publishReport(reportModel(settings, run, comparisonOf([latencyEntry('chat', 100, 101)])), log)
    assert.equal(server.writes().length, 0)
    assert.equal(log.messages('warning').length, 1)
    assert.match(log.messages('warning')[0], /fork/)
    assert.match(log.messages('warning')[0], /read-only/)
    assert.doesNotMatch(log.messages('warning')[0], /pull_request_target/)
    assert.ok(summary().length > 0)
    assert.equal(log.messages('error').length, 0)
  })

  test('fork 403 on write explained', { skip: casesMissing }, async () => {
    const mock = JSON.parse(readFileSync(join(casesRoot, 'B25/mock/create_comment_403.json'), 'utf8')) as { status: number; body: unknown }
    server.failNext('create-comment', { status: mock.status, body: mock.body })
    const log = new MemoryLogger()

    // pull_request_target gets a write token, so the call is made; this token still lacks write access.
    const result = await publishReport(model({}, { eventName: 'pull_request_target', fromFork: true }), log)
    assert.equal(server.requestsOf('create-comment').length, 1)
    assert.equal(result.commentId, null)
    assert.equal(log.messages('warning').length, 1)
    assert.match(log.messages('warning')[0], /HTTP 403/)
    assert.match(log.messages('warning')[0], /fork, so the workflow token is read-only/)
    assert.doesNotMatch(log.messages('warning')[0], /pull_request_target/)
    assert.ok(summary().length > 0)
  })

  test('same-repo 403 hints permissions', async () => {
    server.failNext('create-comment', forbidden(), Infinity)
    const log = new MemoryLogger()
    await publishReport(model(), log)
    assert.equal(server.requestsOf('create-comment').length, 1)
    assert.equal(log.messages('warning').length, 1)
    assert.match(log.messages('warning')[0], /permissions: pull-requests: write/)
    assert.ok(summary().length > 0)
  })

  test('422 is one warning', async () => {
    server.failNext('create-comment', unprocessable())
    const log = new MemoryLogger()
    const result = await publishReport(model(), log)
    assert.equal(server.requestsOf('create-comment').length, 1)
    assert.equal(log.messages('warning').length, 1)
    assert.match(log.messages('warning')[0], /HTTP 422/)
    assert.equal(result.commentId, null)
    assert.ok(summary().length > 0)
  })

  test('5xx twice then success', async () => {
    server.failNext('create-comment', serverError(502), 2)
    const log = new MemoryLogger()
    const result = await publishReport(model(), log)
    assert.equal(server.requestsOf('create-comment').length, 3)
    assert.equal(server.commentsOf(7).length, 1)
    assert.equal(result.commentId, server.commentsOf(7)[0].id)
    assert.equal(log.messages('warning').length, 0)
  })

  test('5xx always is bounded', async () => {
    server.failNext('list-comments', serverError(503), Infinity)
    const log = new MemoryLogger()
    const result = await publishReport(model(), log)
    assert.equal(server.requestsOf('list-comments').length, 3)
    assert.equal(server.writes().length, 0)
    assert.equal(result.commentId, null)
    assert.equal(log.messages('warning').length, 1)
    assert.match(log.messages('warning')[0], /HTTP 503/)
    assert.ok(summary().length > 0)
  })

  test('secondary rate limit retried', async () => {
    server.failNext('create-comment', secondaryRateLimit(1), 1)
    const log = new MemoryLogger()
    await publishReport(model(), log)
    assert.equal(server.requestsOf('create-comment').length, 2)
    assert.equal(server.commentsOf(7).length, 1)
    assert.equal(log.messages('warning').length, 0)
  })

  test('secondary rate limit is bounded', async () => {
    server.failNext('create-comment', secondaryRateLimit(1), Infinity)
    const log = new MemoryLogger()
    await publishReport(model(), log)
    assert.equal(server.requestsOf('create-comment').length, 3)
    assert.equal(log.messages('warning').length, 1)
    assert.match(log.messages('warning')[0], /rate limit/)
  })

  test('stalled request times out', async () => {
    server.failNext('get-user', { status: 200, body: { login: 'late' }, delayMs: 2000 }, Infinity)
    const client = createGitHubClient(PERSONAL_TOKEN, server.url, new MemoryLogger(), { requestTimeoutMs: 100 })
    const started = Date.now()
    await assert.rejects(client.rest.users.getAuthenticated())
    assert.equal(server.requestsOf('get-user').length, 3)
    assert.ok(Date.now() - started < 1500)
  })

  test('failure leaves no error', async () => {
    server.failNext('create-comment', forbidden(), Infinity)
    const log = new MemoryLogger()
    await assert.doesNotReject(publishReport(model(), log))
    assert.equal(log.messages('error').length, 0)
  })
})

describe('when to comment', () => {
  test('never makes no request', async () => {
    await publishReport(model({ comment: 'never' }, {}, [latencyEntry('chat', 100, 150)]), new MemoryLogger())
    assert.equal(server.requests.length, 0)
    assert.ok(summary().length > 0)
  })

  test('on-regression without regression writes nothing', async () => {
    await publishReport(model({ comment: 'on-regression' }), new MemoryLogger())
    assert.equal(server.writes().length, 0)
  })

  test('on-regression with regression posts', async () => {
    await publishReport(model({ comment: 'on-regression' }, {}, [latencyEntry('chat', 100, 150)]), new MemoryLogger())
    assert.equal(server.requestsOf('create-comment').length, 1)
  })

  test('on-regression updates once regression gone', async () => {
    await publishReport(model({ comment: 'on-regression' }, {}, [latencyEntry('chat', 100, 150)]), new MemoryLogger())
    await publishReport(model({ comment: 'on-regression' }), new MemoryLogger())
    assert.equal(server.requestsOf('update-comment').length, 1)
    assert.equal(server.commentsOf(7).length, 1)
    assert.match(server.commentsOf(7)[0].body, /regression reported here before is gone/)
  })

  test('dispatch with pr-number comments', async () => {
    await publishReport(model({ 'pr-number': '12' }, { eventName: 'workflow_dispatch', prNumber: null }), new MemoryLogger())
    assert.deepEqual(server.requestsOf('create-comment').map(request => request.path), ['/repos/owner/repo/issues/12/comments'])
  })

  test('dispatch without pr-number writes summary only', async () => {
    const result = await publishReport(model({}, { eventName: 'workflow_dispatch', prNumber: null }), new MemoryLogger())
    assert.equal(server.requests.length, 0)
    assert.equal(result.commentId, null)
    assert.ok(summary().length > 0)
  })

  test('push writes summary only', async () => {
    await publishReport(model({}, { eventName: 'push', prNumber: null }), new MemoryLogger())
    assert.equal(server.requests.length, 0)
    assert.ok(summary().length > 0)
  })
})

describe('files, summary and outputs', () => {
  test('outputs file contents', async () => {
    const result = await publishReport(model({}, {}, [latencyEntry('chat', 100, 150), latencyEntry('embed', 50, 51)]), new MemoryLogger())
    const written = outputs()
    assert.equal(written['report-path'], join(files.reportDirectory, 'report.md'))
    assert.equal(written['metrics-path'], join(files.reportDirectory, 'metrics.json'))
    assert.equal(written['comment-id'], String(result.commentId))
    assert.equal(written['comment-url'], server.commentsOf(7)[0].html_url)
    assert.equal(written['regression'], 'true')
    assert.equal(written['regressions'], '1')
    assert.equal(written['narrative-status'], 'off')
    assert.equal(written['tokens-per-second'], '')
    assert.equal(written['time-to-first-token-ms'], '')
  })

  test('model-run figures in outputs', async () => {
    const withRun = model()
    withRun.narrative = {
      status: 'generated',
      markdown: 'The chat series is unchanged.',
      note: null,
      removedSentences: 0,
      factsTrimmed: false,
      run: {
        model: 'gemma3',
        digest: null,
        calls: 1,
        tokensPerSecond: 42.5,
        timeToFirstTokenMs: 812.25,
        wallClockMs: 3100,
        totalDurationMs: 3050.5,
        loadDurationMs: 120,
        promptEvalDurationMs: 400.125,
        evalDurationMs: 2400,
        tokensGenerated: 102,
        promptTokens: 1500,
        promptTokensEstimate: 1480,
        doneReason: 'stop',
        options: {},
        factsHash: 'a'.repeat(64)
      }
    }

    await publishReport(withRun, new MemoryLogger())

    const written = outputs()
    assert.equal(written['narrative-status'], 'generated')
    assert.equal(written['tokens-per-second'], '42.5')
    assert.equal(written['time-to-first-token-ms'], '812.25')
    assert.equal(written['total-duration-ms'], '3050.5')
    assert.equal(written['tokens-generated'], '102')
    assert.equal(written['prompt-tokens'], '1500')
    assert.equal(written['prompt-eval-duration-ms'], '400.125')
    assert.equal(written['eval-duration-ms'], '2400')
    assert.equal(written['load-duration-ms'], '120')
  })

  test('report files written', async () => {
    await publishReport(model(), new MemoryLogger())
    const report = readFileSync(join(files.reportDirectory, 'report.md'), 'utf8')
    const metrics = JSON.parse(readFileSync(join(files.reportDirectory, 'metrics.json'), 'utf8')) as { schemaVersion?: number }
    assert.ok(report.length > 0)
    assert.equal(metrics.schemaVersion, 1)
  })

  test('summary appended after earlier content', async () => {
    writeFileSync(files.summaryPath, '# Earlier step output\n')
    await publishReport(model(), new MemoryLogger())
    const text = summary()
    assert.ok(text.startsWith('# Earlier step output\n'))
    assert.ok(text.length > '# Earlier step output\n'.length)
  })

  test('summary written when comment fails', async () => {
    server.failNext('list-comments', serverError(500), Infinity)
    await publishReport(model(), new MemoryLogger())
    assert.equal(summary(), readFileSync(join(files.reportDirectory, 'report.md'), 'utf8'))
  })

  test('large report fits comment limit', async () => {
    // Three UTF-8 bytes per character in the names, so the byte limit binds before the character limit.
    const entries = Array.from({ length: 1400 }, (_, index) =>
      latencyEntry(`端点-区域-变体-${String(index).padStart(4, '0')}-${'测'.repeat(30)}`, 100, index === 1337 ? 150 : 100)
    )
    await publishReport(model({}, {}, entries), new MemoryLogger())
    const [stored] = server.commentsOf(7)
    assert.ok(stored.body.length <= 65_536)
    assert.ok(Buffer.byteLength(stored.body, 'utf8') <= 65_536)
    assert.match(stored.body, /1337/)
    assert.match(stored.body, /actions\/runs\/4242/)
  })

  test('annotations capped per level', async () => {
    const entries = Array.from({ length: 15 }, (_, index) => latencyEntry(`s${index}`, 100, 120 + index, { line: index + 2 }))
    const log = new MemoryLogger()
    await publishReport(model({}, {}, entries), log)
    const errors = log.entries.filter(entry => entry.level === 'error')
    // The failing gate's setFailed adds the tenth error after publish.
    assert.equal(errors.length, 9)
    assert.equal(errors.filter(entry => entry.target?.startLine !== undefined).length, 8)
    assert.match(errors[8].message, /^7 more errors/)
  })

  test('earlier warnings use annotation slots', async () => {
    const head = emptyAnalysis()
    for (let index = 0; index < 12; index++) head.inventory.skipped.push({ path: `reports/f${String(index).padStart(2, '0')}.bin`, reason: 'binary content' })
    const memory = new MemoryLogger()
    const log = new CountingLogger(memory)
    for (let index = 0; index < 4; index++) log.warning(`earlier stage warning ${index}`)
    await publishReport({ ...model(), head }, log)
    assert.equal(memory.messages('warning').length, 10)
    assert.equal(memory.messages('warning').filter(message => message.startsWith('earlier stage')).length, 4)
  })

  test('comment warning takes an annotation slot', async () => {
    server.failNext('create-comment', forbidden(), Infinity)
    const head = emptyAnalysis()
    for (let index = 0; index < 12; index++) head.inventory.skipped.push({ path: `reports/f${String(index).padStart(2, '0')}.bin`, reason: 'binary content' })
    const log = new MemoryLogger()
    const base = model()
    await publishReport({ ...base, head }, log)
    assert.equal(log.messages('warning').length, 10)
  })
})

describe('published narrative', () => {
  const hash = 'b'.repeat(64)
  const body = `${MARKER}\n## Benchmark report\n${narrativeStartMarker(hash)}\nThe chat series is unchanged.\n${NARRATIVE_END_MARKER}\n`

  test('reads narrative from sticky comment', async () => {
    server.addComment(7, { body, login: INSTALLATION_LOGIN })
    const base = model()
    const narrative = await readPublishedNarrative(base.settings, base.run, new MemoryLogger())
    assert.deepEqual(narrative, { factsHash: hash, markdown: 'The chat series is unchanged.' })
  })

  test('ignores a human copy', async () => {
    server.addComment(7, { body, login: 'reviewer-1' })
    const base = model()
    assert.equal(await readPublishedNarrative(base.settings, base.run, new MemoryLogger()), null)
  })

  test('null without pull request', async () => {
    const base = model({}, { eventName: 'push', prNumber: null })
    assert.equal(await readPublishedNarrative(base.settings, base.run, new MemoryLogger()), null)
    assert.equal(server.requests.length, 0)
  })

  test('null on API failure, logged', async () => {
    server.failNext('list-comments', serverError(500), Infinity)
    const base = model()
    const log = new MemoryLogger()
    assert.equal(await readPublishedNarrative(base.settings, base.run, log), null)
    assert.ok(log.messages('info').some(message => /Cannot read the earlier report comment/.test(message)))
  })
})
