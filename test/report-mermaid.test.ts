import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { JSDOM } from 'jsdom'
import type { Mermaid } from 'mermaid'
import type { ComparisonState } from '../src/compare/types.js'
import { MAX_LABEL_LENGTH, mermaidNumber, mermaidString, renderComparisonChart } from '../src/publish/mermaid.js'
import { MAX_BARS_PER_CHART, MAX_CHARTS } from '../src/publish/report/charts.js'
import { renderCommentBody, renderReport } from '../src/publish/report/index.js'
import { THROUGHPUT, analysis, comparison, entry, model, series, statistics } from './support/report-fixtures.js'

// Mermaid's parser runs its text through DOMPurify, which needs a DOM; jsdom provides one in Node.
let mermaid: Mermaid
let dom: JSDOM

before(async () => {
  dom = new JSDOM('<!doctype html><html><body></body></html>')
  Object.assign(globalThis, { window: dom.window, document: dom.window.document })
  mermaid = (await import('mermaid')).default
  mermaid.initialize({ startOnLoad: false })
})

after(() => {
  dom.window.close()
})

/** Returns the source of every fenced mermaid block in a Markdown text. */
function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)].map(match => match[1])
}

async function assertParses(source: string): Promise<void> {
  await assert.doesNotReject(mermaid.parse(source), source)
}

/** Builds a model with `count` changed series named by `name`, with base and head values from `values`. */
function changedModel(count: number, name: (index: number) => string, values: (index: number) => [number, number], state: ComparisonState = 'regression') {
  const heads = Array.from({ length: count }, (_, index) => {
    const [, head] = values(index)
    return series(name(index), statistics({ n: 30, mean: head, min: head, max: head, p50: head, p90: head, p95: head, p99: head, stddev: 0 }))
  })
  const entries = heads.map((head, index) => {
    const [base, headValue] = values(index)
    return entry(head, state, { base, head: headValue, change: base === 0 ? null : (headValue - base) / base })
  })
  return model(analysis(heads), comparison(entries))
}

describe('mermaid parser check', () => {
  test('rejects broken chart', async () => {
    await assert.rejects(mermaid.parse('xychart-beta\n  x-axis ["a" "b"]\n  bar [1, 2]'))
  })

  test('rejects exponent numbers', async () => {
    await assert.rejects(mermaid.parse('xychart-beta\n  x-axis ["a", "b"]\n  bar [1e-7, 2]'))
  })
})

describe('report charts parse', () => {
  test('regression chart parses', async () => {
    const markdown = renderReport(changedModel(3, index => `chat-${index}`, index => [100, 120 + index]))
    const charts = mermaidBlocks(markdown)
    assert.equal(charts.length, 1)
    for (const chart of charts) await assertParses(chart)
  })

  test('hostile labels parse', async () => {
    const names = ['a|b`<img src=x>`[x](http://e)', 'say "hi"; %% not a comment', '```\nfence', 'x & y <script>', 'émoji ⏱ 名前', '']
    const markdown = renderReport(changedModel(names.length, index => names[index], index => [100, 150 + index]))
    const charts = mermaidBlocks(markdown)
    assert.equal(charts.length, 1)
    for (const chart of charts) await assertParses(chart)
  })

  test('tiny and huge values parse', async () => {
    const values: [number, number][] = [
      [0.0000123, 0.0000456],
      [1e22, 3e22],
      [0.5, 0.75]
    ]
    const markdown = renderReport(changedModel(values.length, index => `s${index}`, index => values[index]))
    const charts = mermaidBlocks(markdown)
    assert.equal(charts.length, 1)
    for (const chart of charts) await assertParses(chart)
  })

  test('one chart per unit', async () => {
    const latency = series('chat', statistics({ n: 30, mean: 120, min: 120, max: 120, p50: 120, p90: 120, p95: 120, p99: 120, stddev: 0 }))
    const tps = series('chat', statistics({ n: 30, mean: 40, min: 40, max: 40, p50: 40, p90: 40, p95: 40, p99: 40, stddev: 0 }), { metric: THROUGHPUT })
    const entries = [entry(latency, 'regression', { base: 100, head: 120, change: 0.2 }), entry(tps, 'regression', { base: 50, head: 40, change: -0.2 })]
    const charts = mermaidBlocks(renderReport(model(analysis([latency, tps]), comparison(entries))))
    assert.equal(charts.length, 2)
    for (const chart of charts) await assertParses(chart)
  })

  test('bars per chart capped', async () => {
    const markdown = renderReport(changedModel(30, index => `series-${index}`, index => [100, 200 + index]))
    const charts = mermaidBlocks(markdown)
    assert.equal(charts.length, 1)
    const categories = /x-axis \[(.*)\]/.exec(charts[0])?.[1] ?? ''
    assert.equal(categories.split('", "').length, MAX_BARS_PER_CHART * 2)
    await assertParses(charts[0])
  })

  test('chart count capped', () => {
    const heads = ['ms', 'tokens/s', 'req/s'].map(unit =>
      series(`s-${unit}`, statistics({ n: 30, mean: 2, min: 2, max: 2, p50: 2, p90: 2, p95: 2, p99: 2, stddev: 0 }), { metric: { ...THROUGHPUT, name: unit, unit } })
    )
    const entries = heads.map(head => entry(head, 'regression', { base: 1, head: 2, change: 1 }))
    assert.equal(mermaidBlocks(renderReport(model(analysis(heads), comparison(entries)))).length, MAX_CHARTS)
  })

  test('comment charts parse', async () => {
    const body = renderCommentBody(changedModel(5, index => `chat-${index}`, index => [100, 130 + index]), { maxChars: 60_000, summaryUrl: null })
    const charts = mermaidBlocks(body)
    assert.equal(charts.length, 1)
    for (const chart of charts) await assertParses(chart)
  })

  test('no chart without changes', () => {
    assert.equal(mermaidBlocks(renderReport(changedModel(3, index => `s${index}`, () => [100, 101], 'unchanged'))).length, 0)
  })

  test('no chart for low samples', () => {
    const head = series('cold', statistics({ n: 5, mean: 180.2, min: 98, max: 500, p50: 101, p90: 340.8, p95: 420.4, p99: 484.08, stddev: 178.8 }))
    const compared = entry(head, 'regression', { statistic: 'p95', base: 101.8, head: 420.4, change: 3.1296 }, { headN: 5, baseN: 5 })
    assert.equal(mermaidBlocks(renderReport(model(analysis([head]), comparison([compared])))).length, 0)
  })
})

describe('mermaid helpers', () => {
  test('string drops double quotes', () => {
    assert.equal(mermaidString('say "hi"'), "say 'hi'")
  })

  test('string drops backticks', () => {
    assert.equal(mermaidString('a`b'), "a'b")
  })

  test('string drops markup', () => {
    assert.equal(mermaidString('<b>&'), '‹b›+')
  })

  test('string joins lines', () => {
    assert.equal(mermaidString('a\n\nb'), 'a b')
  })

  test('string shortened in middle', () => {
    const label = mermaidString('x'.repeat(30) + 'y'.repeat(30))
    assert.equal(Array.from(label).length, MAX_LABEL_LENGTH)
    assert.ok(label.startsWith('xxx'), label)
    assert.ok(label.endsWith('yyy'), label)
    assert.ok(label.includes('…'), label)
  })

  test('number without exponent', () => {
    assert.equal(mermaidNumber(0.0000001234), '0.0000001234')
  })

  test('large number without exponent', () => {
    assert.equal(mermaidNumber(1.5e21), '1500000000000000000000')
  })

  test('number rejects NaN', () => {
    assert.throws(() => mermaidNumber(Number.NaN), RangeError)
  })

  test('chart skips non-finite', () => {
    assert.equal(renderComparisonChart({ title: 't', unit: 'ms', bars: [{ label: 'a', base: Number.POSITIVE_INFINITY, head: 1 }] }), '')
  })

  test('repeated labels made unique', () => {
    const chart = renderComparisonChart({
      title: 't',
      unit: 'ms',
      bars: [
        { label: 'same', base: 1, head: 2 },
        { label: 'same', base: 1, head: 3 }
      ]
    })
    assert.ok(chart.includes('"same (base)", "same (head)", "same (2) (base)", "same (2) (head)"'), chart)
  })
})
