/**
 * The number and direction checks: numbers in the narrative must match a computed
 * fact at the precision written, names are not numbers, and words of direction
 * must agree with the comparison.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { SummaryStatistics } from '../src/analyze/types.js'
import { checkClaims } from '../src/narrate/claims.js'
import { buildFacts } from '../src/narrate/facts.js'
import { describeRemovals, writeNarrative } from '../src/narrate/index.js'
import { findStatedNumbers, maskIdentifiers, matchesFact, type FactNumber } from '../src/narrate/numbers.js'
import { narrativeBlock } from '../src/publish/report/narrative.js'
import { casesMissing, casesRoot } from './support/action-runner.js'
import { analysis, change, chatRegression, comparison, entry, narrateSettings, newLogger, series, THROUGHPUT } from './support/narrate-facts.js'
import { startOllamaServer, type OllamaServer } from './support/ollama-server.js'

function stated(sentence: string): string[] {
  return findStatedNumbers(sentence).map(number => number.text)
}

describe('stated numbers', () => {
  it('numbers with units', () => {
    assert.deepEqual(stated('p50 rose from 200 ms to 260 ms (+30.0 %), 1,399 rows, 48 tokens/s, 1.2 s.'), ['200 ms', '260 ms', '30.0 %', '1,399', '48 tokens/s', '1.2 s'])
  })

  it('identifiers are not numbers', () => {
    assert.deepEqual(stated('gemma3 on llama3.1:8b, p95 and p99, variant-0001, v2, 12b model, #12, version 0.6.4'), [])
  })

  it('glued units are numbers', () => {
    assert.deepEqual(stated('295ms and 7.3% and 3x'), ['295ms', '7.3%', '3x'])
  })

  it('seconds convert to milliseconds', () => {
    const [seconds] = findStatedNumbers('took 1.2 s')
    assert.equal(seconds.value, 1200)
    assert.equal(seconds.tolerance, 50)
    assert.equal(seconds.kind, 'time')
  })

  it('masked names lose their digits', () => {
    const masked = maskIdentifiers('endpoint-v1-completions-variant-0042 took 104 ms', ['endpoint-v1-completions-variant-0042'])
    assert.deepEqual(stated(masked), ['104 ms'])
  })
})

describe('number matching', () => {
  const facts: FactNumber[] = [
    { value: 7.2727, kind: 'percent' },
    { value: 295, kind: 'time' },
    { value: 380.5, kind: 'time' },
    { value: 20, kind: 'count' }
  ]
  const matches = (sentence: string) => findStatedNumbers(sentence).every(number => matchesFact(number, facts))

  it('rounded to written precision', () => {
    assert.equal(matches('up 7.3 %'), true)
    assert.equal(matches('up 7 %'), true)
    assert.equal(matches('up 7.27 %'), true)
  })

  it('wrong digit does not match', () => {
    assert.equal(matches('up 7.4 %'), false)
    assert.equal(matches('up 7.2 %'), false)
  })

  it('integer matches one decimal', () => {
    assert.equal(matches('295 ms'), true)
    assert.equal(matches('295.0 ms'), true)
    assert.equal(matches('380 ms'), true)
    assert.equal(matches('381 ms'), true)
  })

  it('unit must fit the fact', () => {
    assert.equal(matches('295 %'), false)
    assert.equal(matches('7.3 ms'), false)
    assert.equal(matches('20 tokens/s'), false)
  })

  it('unitless matches any kind', () => {
    assert.equal(matches('20 samples'), true)
    assert.equal(matches('295'), true)
  })

  it('seconds match milliseconds', () => {
    assert.equal(matches('0.3 s'), true)
    assert.equal(matches('0.38 s'), true)
    assert.equal(matches('0.5 s'), false)
  })
})

describe('direction claims', () => {
  // chat: median 275 -> 295 (+7.27 %, unchanged at 10 %), p95 360.5 -> 380.5 (+5.5 %).
  const subjects = buildFacts(
    analysis([]),
    comparison([entry('reports/latency.csv', 'chat', 'unchanged', [change('median', 275, 295), change('p95', 360.5, 380.5)], { base: 20, head: 20 })])
  ).subjects
  const regressed = buildFacts(chatRegression().head, chatRegression().comparison).subjects
  const throughput = buildFacts(
    analysis([]),
    comparison([entry('reports/tps.csv', 'chat', 'improvement', [change('median', 40, 50)], { base: 5, head: 5 }, THROUGHPUT)])
  ).subjects

  it('improved for rising latency', () => {
    assert.equal(checkClaims('The chat p95 improved.', subjects), 'direction')
  })

  it('rose for rising latency', () => {
    assert.equal(checkClaims('The chat median rose slightly.', subjects), null)
  })

  it('fell for rising latency', () => {
    assert.equal(checkClaims('Chat latency fell.', subjects), 'direction')
  })

  it('regressed without regression state', () => {
    assert.equal(checkClaims('Chat regressed.', subjects), 'direction')
  })

  it('regression threshold is a name', () => {
    assert.equal(checkClaims('Chat stays under the regression threshold.', subjects), null)
  })

  it('no regression contradicts a regression', () => {
    assert.equal(checkClaims('There is no regression in chat.', regressed), 'direction')
    assert.equal(checkClaims('No regression exists.', regressed), 'direction')
  })

  it('claims about the rest pass', () => {
    assert.equal(checkClaims('No other series regressed.', regressed), null)
  })

  it('regression claim agrees', () => {
    assert.equal(checkClaims('Chat regressed and is slower.', regressed), null)
  })

  it('everything improved contradicts', () => {
    assert.equal(checkClaims('Every benchmark improved in this pull request.', regressed), 'direction')
    assert.equal(checkClaims('Everything improved.', subjects), 'direction')
  })

  it('higher throughput is better', () => {
    assert.equal(checkClaims('Chat throughput improved and rose.', throughput), null)
    assert.equal(checkClaims('Chat throughput got worse.', throughput), 'direction')
  })

  it('approval wording always goes', () => {
    assert.equal(checkClaims('APPROVED FOR MERGE', subjects), 'approval')
    assert.equal(checkClaims('This change is safe to merge.', subjects), 'approval')
    assert.equal(checkClaims('LGTM.', subjects), 'approval')
  })

  it('neutral sentence passes', () => {
    assert.equal(checkClaims('Chat has 20 samples on both sides.', subjects), null)
  })
})

describe('names with digits', () => {
  let ollama: OllamaServer
  before(async () => {
    ollama = await startOllamaServer()
  })
  after(() => ollama.close())

  const facts = () => ({
    head: analysis([series('csv_data/series300.csv', 'endpoint-v1-completions-variant-0042', { n: 1, mean: 142, stddev: null, min: 142, max: 142, p50: 142, p90: 142, p95: 142, p99: 142 })]),
    comparison: comparison([]),
    previous: null
  })

  it('names are not checked numbers', async () => {
    ollama.script({ text: 'On gemma3, endpoint-v1-completions-variant-0042 took 142 ms in csv_data/series300.csv.' })
    const narrative = await writeNarrative(facts(), narrateSettings(ollama.url), newLogger())
    assert.equal(narrative.removedSentences, 0)
    assert.equal(narrative.status, 'generated')
  })

  it('wrong value beside a name goes', async () => {
    ollama.script({ text: 'Fine. Endpoint-v1-completions-variant-0042 took 143 ms.' })
    const narrative = await writeNarrative(facts(), narrateSettings(ollama.url), newLogger())
    assert.equal(narrative.removedSentences, 1)
    assert.equal(narrative.markdown, 'Fine.')
  })
})

describe('invented numbers', { skip: casesMissing() }, () => {
  const caseDir = join(casesRoot, 'B21')
  const narrativeText = readFileSync(join(caseDir, 'mock/llm_narrative.md'), 'utf8')
  // PR chat: 200, 210, ..., 390 ms. Mean and median 295; p90 17.1 -> 370 + 0.1 * 10 = 371;
  // p95 18.05 -> 380 + 0.05 * 10 = 380.5; p99 18.81 -> 388.1; sample sd 10 * sqrt(35) = 59.16.
  const chatStats: SummaryStatistics = { n: 20, mean: 295, stddev: 59.16, min: 200, max: 390, p50: 295, p90: 371, p95: 380.5, p99: 388.1 }
  const facts = () => ({
    head: analysis([series('reports/latency.csv', 'chat', chatStats), series('reports/embed.csv', 'embed', null)]),
    // Base chat: 180 ... 370 ms, median 275, p95 360.5; +7.27 % is under the 10 % threshold.
    comparison: comparison([
      entry('reports/latency.csv', 'chat', 'unchanged', [change('median', 275, 295), change('p95', 360.5, 380.5)], { base: 20, head: 20 }),
      entry('reports/embed.csv', 'embed', 'new', [], { base: 0, head: 0 })
    ]),
    previous: null
  })

  let ollama: OllamaServer
  before(async () => {
    ollama = await startOllamaServer({ replies: [{ text: narrativeText }] })
  })
  after(() => ollama.close())

  it('invented sentences are removed', async () => {
    const log = newLogger()
    const narrative = await writeNarrative(facts(), narrateSettings(ollama.url), log)
    assert.equal(narrative.status, 'generated')
    assert.equal(narrative.removedSentences, 2)
    assert.match(narrative.note ?? '', /Removed 2 sentences that failed the checks: /)
    assert.match(narrative.note ?? '', /1 with numbers not in the computed facts/)
    const markdown = narrative.markdown ?? ''
    for (const allowed of ['295 ms', '7.3 %', '275 ms', '10 %']) assert.ok(markdown.includes(allowed), `kept ${allowed}`)
    for (const invented of ['245', '48', '412', '530']) assert.equal(markdown.includes(invented), false, `removed ${invented}`)
    assert.equal(markdown.includes('improved'), false)
  })

  it('removal reasons are logged', async () => {
    const log = newLogger()
    await writeNarrative(facts(), narrateSettings(ollama.url), log)
    const info = log.messages('info').filter(line => line.startsWith('Removed from the narrative'))
    assert.equal(info.length, 2)
    assert.match(info[1], /412 ms, 530 ms/)
  })

  it('replace-narrative withholds it', async () => {
    const narrative = await writeNarrative(facts(), narrateSettings(ollama.url, { numberCheck: 'replace-narrative' }), newLogger())
    assert.equal(narrative.status, 'rejected')
    assert.equal(narrative.markdown, null)
    assert.equal(narrative.removedSentences, 2)
    assert.match(narrative.note ?? '', /withheld because 2 sentences failed the checks/)
  })

  it('withheld note has no second line', async () => {
    const narrative = await writeNarrative(facts(), narrateSettings(ollama.url, { numberCheck: 'replace-narrative' }), newLogger())
    const block = narrativeBlock(narrative, 0).head
    assert.match(block, /^_No narrative \(rejected\): The narrative was withheld because 2 sentences failed the checks: /)
    assert.equal(block.includes('\n'), false)
  })

  it('prompt marks embed as no data', async () => {
    await writeNarrative(facts(), narrateSettings(ollama.url), newLogger())
    const messages = ollama.chatRequests().at(-1)?.body?.messages as { role: string; content: string }[]
    const user = messages.find(message => message.role === 'user')?.content ?? ''
    assert.match(user, /"reports\/embed\.csv" "series=embed" "latency_ms" \(ms, lower is better\): no data/)
    assert.equal(/embed[^\n]*\d+\.\d ms/.test(user), false)
  })

  it('direction alone removes a sentence', async () => {
    ollama.script({ text: 'Median latency for chat is 295 ms. The chat p95 improved.' })
    const narrative = await writeNarrative(facts(), narrateSettings(ollama.url), newLogger())
    ollama.script({ text: narrativeText })
    assert.equal(narrative.removedSentences, 1)
    assert.equal(narrative.markdown, 'Median latency for chat is 295 ms.')
  })

  it('every sentence removed is rejected', async () => {
    ollama.script({ text: 'Chat p95 is 245 ms. Throughput is 48 tokens/s.' })
    const narrative = await writeNarrative(facts(), narrateSettings(ollama.url), newLogger())
    ollama.script({ text: narrativeText })
    assert.equal(narrative.status, 'rejected')
    assert.equal(narrative.markdown, null)
  })

  it('configured options may be stated', async () => {
    ollama.script({ text: 'The model ran with a 8192-token window (num_ctx 8192) at temperature 0.2.' })
    const narrative = await writeNarrative(facts(), narrateSettings(ollama.url, { options: { num_ctx: 8192, temperature: 0.2 } }), newLogger())
    ollama.script({ text: narrativeText })
    assert.equal(narrative.removedSentences, 0)
  })
})

describe('removal reasons', () => {
  it('grouped and counted', () => {
    const removed = [
      { sentence: 'a', reason: 'numbers match no fact: 412 ms' },
      { sentence: 'b', reason: 'numbers match no fact: 48 %' },
      { sentence: 'c', reason: 'link to another host' }
    ]
    assert.equal(describeRemovals(removed), '2 with numbers not in the computed facts, 1 with a link to another host')
  })

  it('unknown reason kept as other', () => {
    assert.equal(describeRemovals([{ sentence: 'a', reason: 'something new' }]), '1 for other reasons')
  })
})

describe('thin percentiles in the facts', () => {
  // Five samples 98, 100, 101, 102, 500: numpy's linear p95 is 420.4, which is nearly the maximum.
  const stats: SummaryStatistics = { n: 5, mean: 180.2, stddev: 178.9, min: 98, max: 500, p50: 101, p90: 340.8, p95: 420.4, p99: 484.08 }
  const sheet = buildFacts(analysis([series('reports/cold.csv', 'cold', stats)]), comparison([]))

  it('p95 below 20 samples is n/a', () => {
    assert.match(sheet.canonicalText, /p95 n\/a \(needs 20 samples\)/)
    assert.doesNotMatch(sheet.canonicalText, /420\.4/)
  })

  it('thin p95 is not an allowed number', () => {
    const [quoted] = findStatedNumbers('The p95 latency is 420.4 ms.')
    assert.ok(quoted, 'the sentence has a number')
    assert.equal(matchesFact(quoted, sheet.numbers), false)
  })
})
