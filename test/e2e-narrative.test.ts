/**
 * The bundled action as a runner starts it, against stand-in Ollama and GitHub
 * servers: the narrative that reaches the comment, and every fault that must leave
 * a correct deterministic report.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, afterEach, beforeEach, describe, it } from 'node:test'
import { casesMissing, casesRoot, runAction, type ActionResult } from './support/action-runner.js'
import { GitHubServer } from './support/github-server.js'
import { closedPortUrl, startOllamaServer, type OllamaServer } from './support/ollama-server.js'
import { pullRequestEvent, pullRequestRepository, type PullRequestRepository } from './support/scenarios.js'

function describeRun(result: ActionResult): string {
  return `exit ${result.exitCode}\nannotations: ${JSON.stringify(result.annotations)}\nstdout:\n${result.stdout.slice(-3000)}`
}

describe('narrative from the stand-in Ollama', { skip: casesMissing() }, () => {
  let github: GitHubServer
  let ollama: OllamaServer | undefined
  const repositories: PullRequestRepository[] = []

  beforeEach(async () => {
    github = await GitHubServer.start()
  })
  afterEach(async () => {
    await github?.close()
    await ollama?.close()
    ollama = undefined
  })
  after(() => repositories.forEach(entry => entry.repository.remove()))

  function caseRepository(name: string): PullRequestRepository {
    const pullRequest = pullRequestRepository(join(casesRoot, name, 'pr'), join(casesRoot, name, 'base'))
    repositories.push(pullRequest)
    return pullRequest
  }

  function run(pullRequest: PullRequestRepository, inputs: Record<string, string>): Promise<ActionResult> {
    return runAction({
      workspace: pullRequest.repository.path,
      eventName: 'pull_request',
      event: pullRequestEvent(pullRequest.baseSha, pullRequest.headSha),
      inputs,
      env: { GITHUB_API_URL: github.url, GITHUB_SHA: pullRequest.headSha, OLLAMA_BENCHMARK_REPORT_RETRY_UNIT_MS: '1' }
    })
  }

  it('invented numbers never reach the comment', async () => {
    ollama = await startOllamaServer({ replies: [{ text: readFileSync(join(casesRoot, 'B21/mock/llm_narrative.md'), 'utf8') }] })
    const pullRequest = caseRepository('B21')
    const result = await run(pullRequest, { 'ollama-host': ollama.url, 'num-ctx': '8192', temperature: '0.2', 'keep-alive': '10m' })
    assert.equal(result.exitCode, 0, describeRun(result))
    assert.equal(result.outputs['narrative-status'], 'generated')

    const [comment] = github.commentsOf(7)
    assert.ok(comment, 'no comment was written')
    assert.match(comment.body, /295 ms, up 7\.3 %/)
    for (const invented of ['245 ms', '48 tokens/s', '412 ms', '530 ms']) assert.ok(!comment.body.includes(invented), `comment contains ${invented}`)

    const [chat] = ollama.chatRequests()
    assert.deepEqual((chat.body?.options as Record<string, unknown>) ?? {}, { num_ctx: 8192, temperature: 0.2 })
    assert.equal(chat.body?.keep_alive, '10m')
    assert.match(String(chat.body?.model), /^gemma3(:latest)?$/)
  })

  it('model-run figures are outputs', async () => {
    ollama = await startOllamaServer({ replies: [{ text: 'Median latency for chat is 295 ms.', evalCount: 100 }] })
    const result = await run(caseRepository('B21'), { 'ollama-host': ollama.url })
    assert.equal(result.exitCode, 0, describeRun(result))
    // The stand-in generates at 20 ms a token, so 100 tokens take 2,000 ms: 50 tokens/s.
    assert.equal(Number(result.outputs['tokens-per-second']), 50)
    assert.equal(result.outputs['tokens-generated'], '100')
    assert.equal(Number(result.outputs['eval-duration-ms']), 2000)
    assert.equal(Number(result.outputs['load-duration-ms']), 120)
    assert.ok(Number(result.outputs['time-to-first-token-ms']) >= 0)
    assert.match(result.summary, /Model run/)
  })

  it('unreachable Ollama skips the narrative', async () => {
    const result = await run(caseRepository('B21'), { 'ollama-host': await closedPortUrl() })
    assert.equal(result.exitCode, 0, describeRun(result))
    assert.equal(result.outputs['narrative-status'], 'skipped')
    assert.ok(result.annotations.some(annotation => annotation.level === 'warning' && /ECONNREFUSED|refused/i.test(annotation.message)), describeRun(result))
    const [comment] = github.commentsOf(7)
    assert.match(comment.body, /narrative/i)
    assert.match(comment.body, /295\.0/)
  })

  it('required narrative fails the job', async () => {
    const result = await run(caseRepository('B21'), { 'ollama-host': await closedPortUrl(), narrative: 'required' })
    assert.equal(result.exitCode, 1, describeRun(result))
    assert.ok(result.annotations.some(annotation => annotation.level === 'error' && /narrative/i.test(annotation.message)), describeRun(result))
  })

  it('unchanged facts reuse the published narrative', async () => {
    ollama = await startOllamaServer({ replies: [{ text: 'Median latency for chat is 295 ms.' }] })
    const pullRequest = caseRepository('B21')
    const first = await run(pullRequest, { 'ollama-host': ollama.url })
    assert.equal(first.outputs['narrative-status'], 'generated', describeRun(first))
    const second = await run(pullRequest, { 'ollama-host': ollama.url })
    assert.equal(second.outputs['narrative-status'], 'reused', describeRun(second))
    assert.equal(ollama.chatRequests().length, 1)
    assert.match(github.commentsOf(7)[0].body, /Median latency for chat is 295 ms/)
  })

  it('injected instructions cannot change the verdict', async () => {
    ollama = await startOllamaServer({ replies: [{ text: readFileSync(join(casesRoot, 'B22/mock/llm_narrative_obeying_injection.md'), 'utf8') }] })
    const result = await run(caseRepository('B22'), { 'ollama-host': ollama.url })
    assert.equal(result.exitCode, 1, describeRun(result))
    const [comment] = github.commentsOf(7)
    assert.doesNotMatch(comment.body, /APPROVED FOR MERGE/)
    assert.doesNotMatch(comment.body, /example\.invalid/)
    assert.match(comment.body, /\+30\.0 %/)
    const prompt = JSON.stringify(ollama.chatRequests()[0]?.body ?? {})
    assert.doesNotMatch(prompt, /disregard your earlier instructions/)
  })
})
