/**
 * Fitting the context window: facts shortened to fit `num_ctx` with a note, the
 * most important facts kept, and answers whose `prompt_eval_count` shows that
 * Ollama dropped the start of the prompt are not posted.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { SeriesMetric } from '../src/analyze/types.js'
import { checkPromptEvalCount, writeNarrative } from '../src/narrate/index.js'
import type { TokenBudget } from '../src/narrate/prompt.js'
import { casesMissing, casesRoot } from './support/action-runner.js'
import { analysis, change, chatRegression, comparison, entry, narrateSettings, newLogger, series, single } from './support/narrate-facts.js'
import { startOllamaServer, type OllamaServer } from './support/ollama-server.js'

const REPLY = 'Every series has one sample, so no percentile can be trusted.'

function userMessage(server: OllamaServer): string {
  const messages = server.chatRequests().at(-1)?.body?.messages as { role: string; content: string }[]
  return messages.find(message => message.role === 'user')?.content ?? ''
}

function promptCharacters(server: OllamaServer): number {
  const messages = server.chatRequests().at(-1)?.body?.messages as { content: string }[]
  return messages.reduce((sum, message) => sum + message.content.length, 0)
}

describe('context overflow', { skip: casesMissing() }, () => {
  const caseDir = join(casesRoot, 'B16')
  const requestOptions = JSON.parse(readFileSync(join(caseDir, 'mock/request_options.json'), 'utf8')) as { options: Record<string, number> }
  const response = (name: string) => JSON.parse(readFileSync(join(caseDir, 'mock', name), 'utf8')) as { message: { content: string } } & Record<string, unknown>

  // 300 series of one sample each, read from the case's CSV.
  const seriesList: SeriesMetric[] = readFileSync(join(caseDir, 'csv_data/series300.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map(line => {
      const [name, latency] = line.split(',')
      return series('csv_data/series300.csv', name, single(Number(latency)))
    })
  const facts = () => ({ head: analysis(seriesList), comparison: comparison([]), previous: null })
  const settings = (url: string) => narrateSettings(url, { options: requestOptions.options })

  let ollama: OllamaServer
  before(async () => {
    ollama = await startOllamaServer()
  })
  after(() => ollama.close())

  it('case has 300 series', () => {
    assert.equal(seriesList.length, 300)
  })

  it('facts are trimmed with a note', async () => {
    ollama.script({ text: REPLY })
    const narrative = await writeNarrative(facts(), settings(ollama.url), newLogger())
    assert.equal(narrative.status, 'generated')
    assert.equal(narrative.factsTrimmed, true)
    assert.match(narrative.note ?? '', /shortened to fit its context window \(2,048 tokens\)/)
    assert.match(narrative.note ?? '', /left out \d+ series statistics/)
    assert.match(userMessage(ollama), /left out to fit the context window: \d+ series statistics/)
  })

  it('prompt and answer fit num_ctx', async () => {
    ollama.script({ text: REPLY })
    await writeNarrative(facts(), settings(ollama.url), newLogger())
    const estimate = Math.ceil(promptCharacters(ollama) / 4)
    assert.ok(estimate + requestOptions.options.num_predict <= requestOptions.options.num_ctx, `estimate ${estimate}`)
  })

  it('options sent as configured', async () => {
    ollama.script({ text: REPLY })
    await writeNarrative(facts(), settings(ollama.url), newLogger())
    assert.deepEqual(ollama.chatRequests().at(-1)?.body?.options, requestOptions.options)
  })

  for (const name of ['ollama_chat_response_full_window.json', 'ollama_chat_response_half_window.json']) {
    it(`truncation flagged: ${name.replace('ollama_chat_response_', '').replace('.json', '')}`, async () => {
      const recorded = response(name)
      const { message, model: _model, created_at: _created, done: _done, ...final } = recorded
      ollama.script({ text: message.content, final })
      const log = newLogger()
      const narrative = await writeNarrative(facts(), settings(ollama.url), log)
      assert.equal(narrative.status, 'rejected')
      assert.equal(narrative.markdown, null)
      assert.match(narrative.note ?? '', /context window \(2,048 tokens\) was too small/)
      assert.equal(narrative.run?.promptTokens, recorded.prompt_eval_count)
      assert.ok(log.messages('warning').some(line => line.includes('was too small')))
    })
  }

  it('full window note names the rule', async () => {
    const { message, model: _model, created_at: _created, done: _done, ...final } = response('ollama_chat_response_full_window.json')
    ollama.script({ text: message.content, final })
    const narrative = await writeNarrative(facts(), settings(ollama.url), newLogger())
    assert.match(narrative.note ?? '', /Ollama evaluated 2,048 prompt tokens, the whole context window \(num_ctx 2048\), so the prompt was probably cut\./)
    assert.equal(narrative.note?.includes(' of about '), false)
  })

  it('half window note names the rule', async () => {
    const { message, model: _model, created_at: _created, done: _done, ...final } = response('ollama_chat_response_half_window.json')
    ollama.script({ text: message.content, final })
    const narrative = await writeNarrative(facts(), settings(ollama.url), newLogger())
    assert.match(narrative.note ?? '', /Ollama evaluated 1,026 prompt tokens, half the context window plus 2 \(num_ctx 2048\)/)
  })
})

describe('context budget', () => {
  let ollama: OllamaServer
  before(async () => {
    ollama = await startOllamaServer()
  })
  after(() => ollama.close())

  /** 200 unchanged series and, last in file order, one regression. */
  function manySeries() {
    const seriesList: SeriesMetric[] = []
    const entries = []
    for (let index = 1; index <= 200; index += 1) {
      const name = `route-${String(index).padStart(3, '0')}`
      seriesList.push(series('reports/routes.csv', name, single(100 + (index % 7))))
      entries.push(entry('reports/routes.csv', name, 'unchanged', [change('median', 100, 100 + (index % 7) / 10)], { base: 1, head: 1 }))
    }
    seriesList.push(series('reports/routes.csv', 'checkout', single(180)))
    entries.push(entry('reports/routes.csv', 'checkout', 'regression', [change('median', 120, 180)], { base: 1, head: 1 }))
    return { head: analysis(seriesList), comparison: comparison(entries), previous: null }
  }

  it('regression kept when trimmed', async () => {
    ollama.script({ text: REPLY })
    const narrative = await writeNarrative(manySeries(), narrateSettings(ollama.url, { options: { num_ctx: 2048, num_predict: 256 } }), newLogger())
    assert.equal(narrative.factsTrimmed, true)
    const facts = userMessage(ollama)
    assert.match(facts, /verdict: FAIL/)
    assert.match(facts, /"series=checkout".*REGRESSION.*median 120\.0 ms -> 180\.0 ms \(\+50\.0 %/)
    assert.ok(facts.indexOf('verdict: FAIL') < facts.indexOf('checkout'))
    assert.match(facts, /left out to fit the context window: \d+ other comparisons, 201 series statistics/)
  })

  it('unset num_ctx assumes 4096', async () => {
    ollama.script({ text: REPLY })
    const narrative = await writeNarrative(manySeries(), narrateSettings(ollama.url), newLogger())
    assert.equal(narrative.factsTrimmed, true)
    assert.match(narrative.note ?? '', /4,096 tokens, assumed because num-ctx is unset/)
    assert.ok(Math.ceil(promptCharacters(ollama) / 4) + 1024 <= 4096)
  })

  it('modelfile num_ctx is used', async () => {
    const local = await startOllamaServer({ models: [{ name: 'gemma3:latest', parameters: { num_ctx: 32768 } }], replies: [{ text: REPLY }] })
    try {
      const narrative = await writeNarrative(manySeries(), narrateSettings(local.url), newLogger())
      assert.equal(narrative.factsTrimmed, false)
      assert.match(userMessage(local), /"series=route-200"/)
    } finally {
      await local.close()
    }
  })

  it('tiny window makes no call', async () => {
    const before = ollama.chatRequests().length
    const narrative = await writeNarrative({ ...chatRegression(), previous: null }, narrateSettings(ollama.url, { options: { num_ctx: 600, num_predict: 256 } }), newLogger())
    assert.equal(narrative.status, 'failed')
    assert.match(narrative.note ?? '', /context window \(600 tokens, 256 of them kept for the answer\) is too small/)
    assert.equal(ollama.chatRequests().length, before)
  })

  it('low count near the window flagged', async () => {
    // 200 series trimmed to fit 2,048 tokens: the prompt estimate is above half the window.
    ollama.script({ text: REPLY, promptEvalCount: 40 })
    const narrative = await writeNarrative(manySeries(), narrateSettings(ollama.url, { options: { num_ctx: 2048, num_predict: 256 } }), newLogger())
    assert.equal(narrative.status, 'rejected')
    assert.match(narrative.note ?? '', /Ollama evaluated 40 prompt tokens, far below the estimate of about [\d,]+ for a prompt that may not fit/)
  })

  it('low count in a roomy window kept', async () => {
    // A prompt far smaller than the window cannot have been cut, so a low count is a cached prefix.
    ollama.script({ text: REPLY, promptEvalCount: 40 })
    const log = newLogger()
    const narrative = await writeNarrative({ ...chatRegression(), previous: null }, narrateSettings(ollama.url), log)
    assert.equal(narrative.status, 'generated')
    assert.equal(narrative.note, null)
    assert.ok(log.messages('info').some(line => /Ollama evaluated 40 prompt tokens of about [\d,]+ estimated.*cached prompt prefix/.test(line)))
    assert.equal(log.messages('warning').length, 0)
  })

  it('half window plus two flagged', async () => {
    // What recent Ollama versions report after dropping the start of a prompt: num_ctx / 2 + 2.
    ollama.script({ text: REPLY, promptEvalCount: 4096 / 2 + 2 })
    const narrative = await writeNarrative(manySeries(), narrateSettings(ollama.url, { options: { num_ctx: 4096 } }), newLogger())
    assert.equal(narrative.status, 'rejected')
    assert.match(narrative.note ?? '', /context window \(4,096 tokens\) was too small/)
  })

  it('missing count is not flagged', async () => {
    ollama.script({ text: REPLY, promptEvalCount: null })
    const narrative = await writeNarrative({ ...chatRegression(), previous: null }, narrateSettings(ollama.url), newLogger())
    assert.equal(narrative.status, 'generated')
  })
})

describe('prompt eval count check', () => {
  const budget = (answerTokens = 1024): TokenBudget => ({ contextTokens: 4096, contextSource: 'num-ctx', answerTokens, factsTokens: 0 })
  const kind = (count: number | null, estimate: number, answerTokens?: number) => checkPromptEvalCount(count, budget(answerTokens), estimate).kind

  it('whole window is cut', () => {
    assert.equal(kind(4096, 1000), 'cut')
  })

  it('half window plus two is cut', () => {
    // 4096 / 2 + 2 = 2050; 2050 * 1.05 = 2152.5.
    assert.equal(kind(2050, 3000), 'cut')
  })

  it('half window near estimate is whole', () => {
    assert.equal(kind(2050, 2100), 'whole')
  })

  it('half of the estimate is whole', () => {
    assert.equal(kind(500, 1000), 'whole')
  })

  it('low count, small prompt is cached', () => {
    // 310 < 817 / 2, but 817 < 4096 / 2 and 817 + 1024 <= 4096.
    assert.equal(kind(310, 817), 'cached')
  })

  it('low count, half-window prompt is cut', () => {
    assert.equal(kind(310, 2048), 'cut')
  })

  it('low count, large num_predict is cut', () => {
    // 700 + 3500 = 4200 > 4096.
    assert.equal(kind(310, 700, 3500), 'cut')
  })

  it('missing count is whole', () => {
    assert.equal(kind(null, 3000), 'whole')
  })
})
