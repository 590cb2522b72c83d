/**
 * Unit tests of the publish stage's GitHub side: the sticky comment rule, the comment
 * decision, the body budget, annotations and outputs. The calls against a stand-in
 * API server are in github-publish.test.ts.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { collectAnnotations, emitAnnotations } from '../src/publish/annotations.js'
import { composeCommentBody, decideComment, fitsCommentLimit, resolvePullRequest, runSummaryUrl, selectStickyComments } from '../src/publish/github/index.js'
import type { IssueComment } from '../src/publish/github/index.js'
import { stickyMarker } from '../src/publish/markers.js'
import { buildOutputs } from '../src/publish/outputs.js'
import { MemoryLogger } from '../src/logger.js'
import { comparisonOf, emptyAnalysis, latencyEntry, pullRequestRun, settingsFrom } from './support/github-fixtures.js'

const MARKER = stickyMarker('Benchmarks/report')

function comment(id: number, body: string, login: string, type = login.endsWith('[bot]') ? 'Bot' : 'User'): IssueComment {
  return { id, body, user: { login, type }, created_at: `2025-01-02T00:${String(id % 60).padStart(2, '0')}:00Z`, html_url: `https://github.test/c/${id}` }
}

describe('sticky comment selection', () => {
  const personal = { login: 'octo-user', installation: false }
  const installation = { login: 'github-actions[bot]', installation: true }

  test('own comment with marker matches', () => {
    const found = selectStickyComments([comment(1, `${MARKER}\nreport`, 'octo-user')], MARKER, personal)
    assert.deepEqual(found.map(c => c.id), [1])
  })

  test('human comment with marker ignored', () => {
    const found = selectStickyComments([comment(1, `${MARKER}\nquoting the bot`, 'reviewer-1')], MARKER, installation)
    assert.equal(found.length, 0)
  })

  test('marker not on first line ignored', () => {
    const found = selectStickyComments([comment(1, `see ${MARKER}`, 'github-actions[bot]')], MARKER, installation)
    assert.equal(found.length, 0)
  })

  test('other comment key ignored', () => {
    const found = selectStickyComments([comment(1, `${stickyMarker('other job')}\nreport`, 'github-actions[bot]')], MARKER, installation)
    assert.equal(found.length, 0)
  })

  test('installation token accepts app bot', () => {
    const found = selectStickyComments([comment(1, `${MARKER}\r\nreport`, 'bench-app[bot]')], MARKER, installation)
    assert.deepEqual(found.map(c => c.id), [1])
  })

  test('personal token rejects other bots', () => {
    const found = selectStickyComments([comment(1, `${MARKER}\nreport`, 'github-actions[bot]')], MARKER, personal)
    assert.equal(found.length, 0)
  })

  test('duplicates sorted oldest first', () => {
    const later = comment(34, `${MARKER}\nb`, 'github-actions[bot]')
    const older = comment(33, `${MARKER}\na`, 'github-actions[bot]')
    const found = selectStickyComments([later, older], MARKER, installation)
    assert.deepEqual(found.map(c => c.id), [33, 34])
  })
})

describe('comment decision', () => {
  const regression = comparisonOf([latencyEntry('chat', 100, 150)])
  const clean = comparisonOf([latencyEntry('chat', 100, 101)])

  test('pull request with auto writes', () => {
    const decision = decideComment(settingsFrom({ 'github-token': 't' }, '/tmp').publish, pullRequestRun('', ''), clean)
    assert.deepEqual(decision, { kind: 'write', prNumber: 7, createIfMissing: true, regressionGone: false })
  })

  test('never skips without warning', () => {
    const decision = decideComment(settingsFrom({ 'github-token': 't', comment: 'never' }, '/tmp').publish, pullRequestRun('', ''), regression)
    assert.equal(decision.kind, 'skip')
    assert.equal(decision.kind === 'skip' && decision.warn, false)
  })

  test('push has no pull request', () => {
    const publish = settingsFrom({ 'github-token': 't', 'pr-number': '7' }, '/tmp').publish
    assert.equal(resolvePullRequest(publish, pullRequestRun('', '', { eventName: 'push', prNumber: 7 })), null)
  })

  test('dispatch uses pr-number input', () => {
    const publish = settingsFrom({ 'github-token': 't', 'pr-number': '12' }, '/tmp').publish
    assert.equal(resolvePullRequest(publish, pullRequestRun('', '', { eventName: 'workflow_dispatch', prNumber: null })), 12)
  })

  test('dispatch without pr-number skips', () => {
    const publish = settingsFrom({ 'github-token': 't' }, '/tmp').publish
    const decision = decideComment(publish, pullRequestRun('', '', { eventName: 'workflow_dispatch', prNumber: null }), clean)
    assert.equal(decision.kind, 'skip')
  })

  test('workflow_run needs always', () => {
    const run = pullRequestRun('', '', { eventName: 'workflow_run', prNumber: null })
    assert.equal(resolvePullRequest(settingsFrom({ 'pr-number': '9' }, '/tmp').publish, run), null)
    assert.equal(resolvePullRequest(settingsFrom({ 'pr-number': '9', comment: 'always' }, '/tmp').publish, run), 9)
  })

  test('fork skips with warning', () => {
    const decision = decideComment(settingsFrom({ 'github-token': 't' }, '/tmp').publish, pullRequestRun('', '', { fromFork: true }), clean)
    assert.equal(decision.kind, 'skip')
    assert.equal(decision.kind === 'skip' && decision.warn, true)
  })

  test('fork on pull_request_target tries', () => {
    const run = pullRequestRun('', '', { fromFork: true, eventName: 'pull_request_target' })
    assert.equal(decideComment(settingsFrom({ 'github-token': 't' }, '/tmp').publish, run, clean).kind, 'write')
  })

  test('empty token skips with warning', () => {
    const decision = decideComment(settingsFrom({}, '/tmp').publish, pullRequestRun('', ''), clean)
    assert.equal(decision.kind === 'skip' && decision.warn, true)
  })

  test('on-regression without regression only updates', () => {
    const decision = decideComment(settingsFrom({ 'github-token': 't', comment: 'on-regression' }, '/tmp').publish, pullRequestRun('', ''), clean)
    assert.deepEqual(decision, { kind: 'write', prNumber: 7, createIfMissing: false, regressionGone: true })
  })

  test('on-regression with regression creates', () => {
    const decision = decideComment(settingsFrom({ 'github-token': 't', comment: 'on-regression' }, '/tmp').publish, pullRequestRun('', ''), regression)
    assert.deepEqual(decision, { kind: 'write', prNumber: 7, createIfMissing: true, regressionGone: false })
  })
})

describe('comment body budget', () => {
  test('summary url of the run', () => {
    assert.equal(runSummaryUrl('https://github.com/', 'owner/repo', '42'), 'https://github.com/owner/repo/actions/runs/42')
  })

  test('marker is the first line', () => {
    const body = composeCommentBody(MARKER, null, () => 'report', null)
    assert.equal(body.split('\n')[0], MARKER)
  })

  test('summary link added when missing', () => {
    const body = composeCommentBody(MARKER, null, () => 'report\n', 'https://github.test/owner/repo/actions/runs/1')
    assert.equal(body, `${MARKER}\nreport\n\n[Full report in the job summary](https://github.test/owner/repo/actions/runs/1)\n`)
  })

  test('summary link not repeated', () => {
    const url = 'https://github.test/owner/repo/actions/runs/1'
    const body = composeCommentBody(MARKER, null, () => `report, see ${url}\n`, url)
    assert.equal(body.split(url).length - 1, 1)
  })

  test('renderer gets budget minus marker', () => {
    let budget = 0
    composeCommentBody(MARKER, null, maxChars => {
      budget = maxChars
      return ''
    }, null)
    assert.equal(budget, 60_000 - MARKER.length - 1)
  })

  test('multi-byte overflow rendered again smaller', () => {
    // Four bytes per character: a renderer that fills the character budget is four times over in bytes.
    const budgets: number[] = []
    const body = composeCommentBody(MARKER, null, maxChars => {
      budgets.push(maxChars)
      return '😀'.repeat(Math.floor(maxChars / 2))
    }, null)
    assert.equal(budgets.length, 2)
    assert.ok(fitsCommentLimit(body))
  })

  test('renderer ignoring budget falls back', () => {
    const body = composeCommentBody(MARKER, null, () => 'x'.repeat(70_000), 'https://github.test/owner/repo/actions/runs/1')
    assert.ok(fitsCommentLimit(body))
    assert.match(body, /actions\/runs\/1/)
  })

  test('limit counts bytes', () => {
    assert.equal(fitsCommentLimit('é'.repeat(40_000)), false)
  })
})

describe('annotations', () => {
  test('fifteen regressions capped at ten', () => {
    const entries = Array.from({ length: 15 }, (_, index) => latencyEntry(`s${index}`, 100, 120 + index, { line: index + 2 }))
    const log = new MemoryLogger()
    emitAnnotations(collectAnnotations(emptyAnalysis(), comparisonOf(entries)), log)
    const errors = log.entries.filter(entry => entry.level === 'error')
    assert.equal(errors.length, 10)
    assert.equal(errors.filter(entry => entry.target?.file === 'reports/latency.csv').length, 9)
    assert.match(errors[9].message, /^6 more errors/)
  })

  test('largest regression first', () => {
    const entries = [latencyEntry('small', 100, 115), latencyEntry('large', 100, 190), latencyEntry('middle', 100, 140)]
    const messages = collectAnnotations(emptyAnalysis(), comparisonOf(entries)).map(annotation => annotation.message)
    assert.match(messages[0], /series=large/)
    assert.match(messages[1], /series=middle/)
    assert.match(messages[2], /series=small/)
  })

  test('regression annotation names file and line', () => {
    const [annotation] = collectAnnotations(emptyAnalysis(), comparisonOf([latencyEntry('chat', 100, 150, { line: 4 })]))
    assert.deepEqual(annotation.target, { file: 'reports/latency.csv', startLine: 4, title: 'latency_ms regression' })
  })

  test('regression message has computed values', () => {
    const [annotation] = collectAnnotations(emptyAnalysis(), comparisonOf([latencyEntry('chat', 100, 150)]))
    assert.match(annotation.message, /median 100\.0 ms → 150\.0 ms \(\+50\.0 %, threshold \+10\.0 %\)/)
  })

  test('non-failing regression is a warning', () => {
    const [annotation] = collectAnnotations(emptyAnalysis(), comparisonOf([latencyEntry('chat', 100, 150, { failsJob: false })]))
    assert.equal(annotation.level, 'warning')
  })

  test('warnings ordered by kind', () => {
    const head = emptyAnalysis()
    head.inventory.skipped.push({ path: 'reports/a.bin', reason: 'binary content' })
    head.warnings.push({ path: 'reports/b.csv', line: 9, message: 'row has 3 cells, header has 4', code: 'ragged-row' })
    head.warnings.push({ path: 'reports/c.csv', message: 'no line', code: 'other' })
    head.failures.push({ path: 'reports/d.csv', location: '', seriesKey: 'series=chat', failed: 5, total: 5, topError: 'CUDA out of memory', topErrorCount: 5, line: 3 })
    const annotations = collectAnnotations(head, comparisonOf([latencyEntry('chat', 100, 150, { failsJob: false })]))
    assert.deepEqual(
      annotations.map(annotation => annotation.target.file),
      ['reports/latency.csv', 'reports/d.csv', 'reports/a.bin', 'reports/b.csv']
    )
  })

  test('reserved slots reduce warnings', () => {
    const head = emptyAnalysis()
    for (let index = 0; index < 12; index++) head.inventory.skipped.push({ path: `reports/f${String(index).padStart(2, '0')}.bin`, reason: 'binary content' })
    const log = new MemoryLogger()
    emitAnnotations(collectAnnotations(head, comparisonOf([])), log, { warning: 9 })
    assert.equal(log.messages('warning').length, 9)
    assert.match(log.messages('warning')[8], /^4 more warnings/)
  })
})

describe('outputs', () => {
  test('values without a model run', () => {
    const outputs = buildOutputs({
      reportPath: '/r/report.md',
      metricsPath: '/r/metrics.json',
      commentId: null,
      commentUrl: null,
      comparison: comparisonOf([latencyEntry('chat', 100, 150), latencyEntry('embed', 100, 101)]),
      narrative: { status: 'failed', markdown: null, note: 'unreachable', removedSentences: 0, factsTrimmed: false, run: null }
    })
    assert.equal(outputs['comment-id'], '')
    assert.equal(outputs['regression'], 'true')
    assert.equal(outputs['regressions'], '1')
    assert.equal(outputs['narrative-status'], 'failed')
    assert.equal(outputs['tokens-per-second'], '')
    assert.equal(outputs['load-duration-ms'], '')
  })

  test('non-failing regression not counted', () => {
    const outputs = buildOutputs({
      reportPath: '',
      metricsPath: '',
      commentId: 5,
      commentUrl: 'u',
      comparison: comparisonOf([latencyEntry('chat', 100, 150, { failsJob: false })]),
      narrative: { status: 'off', markdown: null, note: null, removedSentences: 0, factsTrimmed: false, run: null }
    })
    assert.equal(outputs['regression'], 'false')
    assert.equal(outputs['regressions'], '0')
  })
})
