import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Narrative } from '../src/narrate/types.js'
import { extractNarrative } from '../src/publish/markers.js'
import { renderReport as renderFromStage } from '../src/publish/index.js'
import { renderCommentBody, renderReport } from '../src/publish/report/index.js'
import { closeOpenFence } from '../src/publish/report/narrative.js'
import { FACTS_HASH, LATENCY_MS, THROUGHPUT, analysis, comparison, entry, inventory, model, modelRun, noNarrative, series, statistics } from './support/report-fixtures.js'

/** Base and PR of a series with one outlier: 98, 99, 100, 101, 102 against 98, 100, 101, 102, 500 ms. */
function lowSampleModel() {
  // Linear-interpolation values computed by hand: p50 101, p90 340.8, p95 420.4, p99 484.08.
  const cold = series('cold', statistics({ n: 5, mean: 180.2, stddev: 178.8, min: 98, p50: 101, p90: 340.8, p95: 420.4, p99: 484.08, max: 500 }), {
    path: 'reports/cold.csv',
    benchmark: 'reports/cold.csv'
  })
  const compared = entry(cold, 'unchanged', { statistic: 'median', base: 100, head: 101, change: 0.01 }, { headN: 5, baseN: 5 })
  const p95 = { statistic: 'p95' as const, base: 101.8, head: 420.4, change: 3.1296, pValue: null, noTestReason: 'fewer than 20 samples', threshold: 0.1, absoluteFloor: 0, exceedsThreshold: false }
  compared.changes.push(p95)
  return model(analysis([cold]), comparison([compared]))
}

/** A series whose name tries to break the table and inject HTML and a link. */
const HOSTILE = 'a|b`<img src=x>`[x](http://e)'

function hostileModel() {
  const bad = series(HOSTILE, statistics({ n: 30, mean: 50, stddev: 2, min: 45, p50: 50, p90: 53, p95: 54, p99: 55, max: 56 }), {
    path: 'reports/<b>bold</b>|x.csv',
    benchmark: 'reports/<b>bold</b>|x.csv',
    labels: { series: HOSTILE }
  })
  const regressed = entry(bad, 'regression', { base: 40, head: 50, change: 0.25, pValue: 0.0004 })
  return model(analysis([bad], { warnings: [{ path: 'reports/x.csv', line: 4, code: 'invalid-number', message: `cell ${HOSTILE} is not a number` }] }), comparison([regressed]))
}

/** Table rows of the rendered Markdown: lines that start with a pipe. */
function tableRows(markdown: string): string[] {
  return markdown.split('\n').filter(line => line.startsWith('|'))
}

/** Splits a GFM table row on pipes that are not escaped with a backslash. */
function cellCount(row: string): number {
  return row.split(/(?<!\\)\|/).length - 2
}

describe('report determinism', () => {
  test('same model same bytes', () => {
    const first = renderReport(hostileModel())
    const second = renderReport(hostileModel())
    assert.equal(first, second)
  })

  test('input order does not matter', () => {
    const a = series('a', statistics({ n: 3, mean: 1, min: 1, max: 1, p50: 1 }))
    const b = series('b', statistics({ n: 3, mean: 2, min: 2, max: 2, p50: 2 }))
    const forward = renderReport(model(analysis([a, b]), comparison([entry(a, 'unchanged', {}), entry(b, 'unchanged', {})])))
    const backward = renderReport(model(analysis([b, a]), comparison([entry(b, 'unchanged', {}), entry(a, 'unchanged', {})])))
    assert.equal(forward, backward)
  })

  test('stage entry point delegates', () => {
    assert.equal(renderFromStage(hostileModel()), renderReport(hostileModel()))
  })
})

describe('report escaping', () => {
  const markdown = renderReport(hostileModel())

  test('hostile name adds no cells', () => {
    const regressionRows = tableRows(markdown.slice(markdown.indexOf('### Regressions'), markdown.indexOf('### Statistics')))
    const columns = cellCount(regressionRows[0])
    for (const row of regressionRows) assert.equal(cellCount(row), columns, row)
  })

  test('no raw img tag', () => {
    assert.ok(!/<img/i.test(markdown.replace(/`[^`]*<img[^`]*`/g, '')), 'an <img> outside a code span')
  })

  test('no raw bold tag', () => {
    assert.ok(!markdown.includes('<b>bold</b>|x.csv'), 'the path is not escaped')
  })

  test('no Markdown link', () => {
    assert.ok(!/(^|[^\\`])\[x\]\(http:\/\/e\)/.test(markdown.replace(/``[^`]*``/g, '')), 'a link outside a code span')
  })

  test('warning message escaped', () => {
    assert.ok(markdown.includes('cell a\\|b\\`&lt;img src=x&gt;\\`\\[x\\](http&#58;//e) is not a number'))
  })
})

describe('report low-sample percentiles', () => {
  const markdown = renderReport(lowSampleModel())

  test('p95 shows n/a', () => {
    assert.ok(markdown.includes('n/a (n = 5)'))
  })

  test('p95 value never shown', () => {
    assert.ok(!markdown.includes('420.4'))
  })

  test('p99 value never shown', () => {
    assert.ok(!markdown.includes('484.1'))
  })

  test('p95 change never shown', () => {
    assert.ok(!markdown.includes('+313'))
  })

  test('n shown for head', () => {
    const row = tableRows(markdown).find(line => line.includes('`series=cold`') && line.includes('`latency_ms` |'))
    assert.ok(row !== undefined)
    assert.ok(row.includes('| 5 |'), row)
  })

  test('median change shown', () => {
    assert.ok(markdown.includes('+1.0 %'))
  })
})

describe('report without baseline', () => {
  function noBaselineModel() {
    // Head of a first run: chat 100, 120, 140 ms, so n = 3, mean = 120, p50 = 120.
    const chat = series('chat', statistics({ n: 3, mean: 120, stddev: 20, min: 100, p50: 120, p90: 136, p95: 138, p99: 139.6, max: 140 }))
    const compared = comparison([entry(chat, 'new', null, { baseN: 0 })], {
      baseline: { kind: 'none', ref: null, reason: 'the base branch has no benchmark artifacts' }
    })
    return model(analysis([chat]), compared)
  }
  const markdown = renderReport(noBaselineModel())

  test('says comparison skipped', () => {
    assert.ok(markdown.includes('No baseline: comparison skipped (the base branch has no benchmark artifacts).'))
  })

  test('says series are new', () => {
    assert.ok(markdown.includes('1 new'))
  })

  test('no Infinity or NaN', () => {
    assert.ok(!/Infinity|NaN/.test(markdown))
  })

  test('passes the gate', () => {
    assert.ok(markdown.includes('✅ Pass'))
  })

  test('no change tables', () => {
    assert.ok(!markdown.includes('### Regressions'))
    assert.ok(!markdown.includes('### Other changes'))
  })

  test('head statistics shown', () => {
    const row = tableRows(markdown).find(line => line.includes('`series=chat`'))
    assert.ok(row !== undefined)
    assert.ok(row.includes('| 3 | 120.0 |'), row)
  })

  test('comment has no Infinity', () => {
    const body = renderCommentBody(noBaselineModel(), { maxChars: 60_000, summaryUrl: null })
    assert.ok(!/Infinity|NaN/.test(body))
  })
})

describe('report verdict and changes', () => {
  const slow = series('slow', statistics({ n: 30, mean: 150, min: 140, max: 160, p50: 150, p90: 155, p95: 158, p99: 159, stddev: 5 }))
  const fast = series('fast', statistics({ n: 30, mean: 80, min: 70, max: 90, p50: 80, p90: 85, p95: 88, p99: 89, stddev: 5 }))
  const big = series('big', statistics({ n: 30, mean: 50, min: 40, max: 60, p50: 50, p90: 55, p95: 58, p99: 59, stddev: 5 }))
  const tps = series('chat', statistics({ n: 30, mean: 40, min: 39, max: 41, p50: 40, p90: 41, p95: 41, p99: 41, stddev: 1 }), { metric: THROUGHPUT })
  const entries = [
    entry(fast, 'improvement', { base: 100, head: 80, change: -0.2 }),
    entry(big, 'improvement', { base: 100, head: 50, change: -0.5 }),
    entry(slow, 'regression', { base: 100, head: 150, change: 0.5, pValue: 0.002 }),
    entry(tps, 'regression', { base: 50, head: 40, change: -0.2 })
  ]
  const markdown = renderReport(model(analysis([slow, fast, big, tps]), comparison(entries)))

  test('verdict comes first', () => {
    assert.ok(markdown.indexOf('❌ Fail') < markdown.indexOf('### Regressions'))
  })

  test('counts every state', () => {
    assert.ok(markdown.includes('2 regressions · 2 improvements · 0 inconclusive · 0 new · 0 removed · 0 failed'))
  })

  test('regressions before other changes', () => {
    assert.ok(markdown.indexOf('### Regressions') < markdown.indexOf('### Other changes'))
  })

  test('gated regression listed first', () => {
    const regressions = markdown.slice(markdown.indexOf('### Regressions'), markdown.indexOf('### Other changes'))
    assert.ok(regressions.indexOf('`series=slow`') < regressions.indexOf('`series=chat`'))
  })

  test('larger change listed first', () => {
    const others = markdown.slice(markdown.indexOf('### Other changes'))
    assert.ok(others.indexOf('`series=big`') < others.indexOf('`series=fast`'))
  })

  test('throughput drop is regression', () => {
    const row = tableRows(markdown).find(line => line.includes('`tokens_per_s` median'))
    assert.ok(row !== undefined)
    assert.ok(row.includes('**-20.0 %**'), row)
    assert.ok(row.includes('not gated'), row)
  })

  test('p-value or no test', () => {
    const slowRow = tableRows(markdown).find(line => line.includes('`series=slow`') && line.includes('median'))
    const fastRow = tableRows(markdown).find(line => line.includes('`series=fast`') && line.includes('median'))
    assert.ok(slowRow?.includes('| 0.00200 |'), slowRow)
    assert.ok(fastRow?.includes('no test (fewer than 5 samples)'), fastRow)
  })

  test('chart follows the tables', () => {
    assert.ok(markdown.indexOf('```mermaid') > markdown.indexOf('### Other changes'))
  })
})

describe('report failed runs and warnings', () => {
  const chat = series('chat', statistics({ n: 3, mean: 110, min: 100, max: 120, p50: 110, stddev: 10 }))
  const head = analysis([chat], {
    failures: [{ path: 'reports/runs.csv', location: '', seriesKey: 'model=gemma3', failed: 5, total: 5, topError: 'CUDA error: out of memory', topErrorCount: 4, line: 2 }],
    warnings: [{ path: 'reports/mixed.csv', line: 7, code: 'invalid-number', message: "value '1,5' is not a number" }]
  })
  const noise = [{ benchmark: 'reports/latency.csv', seriesKey: 'series=chat', metric: 'latency_ms', runs: 6, variation: 0.12, thresholdTooTight: true }]
  const markdown = renderReport(model(head, comparison([entry(chat, 'unchanged', {})], { noise })))

  test('failed runs counted', () => {
    assert.ok(markdown.includes('**5 of 5 runs failed**: `CUDA error: out of memory` (4 times)'))
  })

  test('failed run names file and line', () => {
    assert.ok(markdown.includes('`reports/runs.csv` line 2'))
  })

  test('warning names file and line', () => {
    assert.ok(markdown.includes("- `reports/mixed.csv` line 7: value '1,5' is not a number"))
  })

  test('noise warning shown', () => {
    assert.ok(markdown.includes('run-to-run variation 12.0 % across 6 base runs'))
  })
})

describe('report statistics table', () => {
  test('series without data', () => {
    const markdown = renderReport(model(analysis([series('embed', null)]), comparison([])))
    const row = tableRows(markdown).find(line => line.includes('`series=embed`'))
    assert.ok(row?.includes('| no data |'), row)
    assert.ok(!row?.includes('| 0 |'), row)
  })

  test('pre-aggregated mean labelled', () => {
    const reported = series('chat', statistics({ n: 1, mean: 566.7, min: 566.7, max: 566.7, p50: 566.7 }), {
      metric: { ...LATENCY_MS, name: 'mean_time_ms', aggregate: 'mean' }
    })
    const row = tableRows(renderReport(model(analysis([reported]), comparison([])))).find(line => line.includes('mean_time_ms'))
    assert.ok(row?.includes('`mean_time_ms` mean (reported)'), row)
    assert.ok(row?.includes('| 1 reported | 566.7 | — | — | — |'), row)
  })

  test('cold start named', () => {
    const warm = series('chat', statistics({ n: 4, mean: 101, min: 99, max: 103, p50: 101, stddev: 1.8 }), {
      samples: new Float64Array([2345, 99, 100, 102, 103]),
      coldStartIndex: 0
    })
    const markdown = renderReport(model(analysis([warm]), comparison([])))
    assert.ok(markdown.includes('cold start 2345.0 ms (sample 1)'))
  })

  test('dropped non-finite counted', () => {
    const dropped = series('generate', statistics({ n: 2, mean: 125.3, min: 120.5, max: 130.1, p50: 125.3, stddev: 6.79 }), { droppedNonFinite: 2 })
    assert.ok(renderReport(model(analysis([dropped]), comparison([]))).includes('2 non-finite values dropped'))
  })

  test('rest folded in details', () => {
    const many = Array.from({ length: 14 }, (_, index) => series(`s${String(index).padStart(2, '0')}`, statistics({ n: 3, mean: 1, min: 1, max: 1, p50: 1 })))
    const markdown = renderReport(model(analysis(many), comparison([])))
    assert.ok(markdown.includes('<details>\n<summary>4 more series in reports/latency.csv</summary>'))
  })

  test('regression above the fold', () => {
    const many = Array.from({ length: 14 }, (_, index) => series(`s${String(index).padStart(2, '0')}`, statistics({ n: 30 - index, mean: 1, min: 1, max: 1, p50: 1 })))
    const last = many[13]
    const markdown = renderReport(model(analysis(many), comparison([entry(last, 'regression', { base: 1, head: 2, change: 1 })])))
    const statisticsPart = markdown.slice(markdown.indexOf('### Statistics'))
    assert.ok(statisticsPart.indexOf('`series=s13`') < statisticsPart.indexOf('<details>'))
  })
})

describe('report inventory', () => {
  test('file system time named', () => {
    const head = analysis([], {
      inventory: inventory({
        history: 'filesystem',
        byType: { csv: { files: 2, newest: '2024-05-01T10:00:00Z', newestSource: 'filesystem' } },
        byFolder: {}
      })
    })
    const markdown = renderReport(model(head, comparison([])))
    assert.ok(markdown.includes('| csv | 2 | 2024-05-01T10:00:00Z (time from the file system) |'))
    assert.ok(!markdown.includes('Newest commit'))
  })

  test('shallow clone time unknown', () => {
    const head = analysis([], {
      inventory: inventory({ history: 'shallow-git', byType: { json: { files: 3, newest: null, newestSource: null } }, byFolder: {} })
    })
    assert.ok(renderReport(model(head, comparison([]))).includes('| json | 3 | unknown (shallow clone) |'))
  })

  test('skipped files with reasons', () => {
    const head = analysis([], {
      inventory: inventory({ skipped: [{ path: 'reports/utf16.csv', reason: 'binary or non-UTF-8 content (UTF-16 byte order mark)' }] })
    })
    assert.ok(renderReport(model(head, comparison([]))).includes('- `reports/utf16.csv`: binary or non-UTF-8 content (UTF-16 byte order mark)'))
  })
})

describe('report narrative', () => {
  const chat = series('chat', statistics({ n: 20, mean: 295, min: 200, max: 390, p50: 295, p90: 371, p95: 380.5, p99: 388.1, stddev: 59.2 }))
  const withNarrative = (narrative: Narrative) => model(analysis([chat]), comparison([entry(chat, 'unchanged', { base: 275, head: 295, change: 0.0727 })]), narrative)
  const text = '### Summary\n\nThe chat p50 rose 7.3 % to 295 ms, below the 10 % threshold.'
  const generated: Narrative = { status: 'generated', markdown: text, note: null, removedSentences: 2, factsTrimmed: false, run: modelRun() }

  test('markers round-trip in report', () => {
    assert.deepEqual(extractNarrative(renderReport(withNarrative(generated))), { factsHash: FACTS_HASH, markdown: text })
  })

  test('markers round-trip in comment', () => {
    const body = renderCommentBody(withNarrative(generated), { maxChars: 60_000, summaryUrl: null })
    assert.deepEqual(extractNarrative(body), { factsHash: FACTS_HASH, markdown: text })
  })

  test('removed sentences counted', () => {
    assert.ok(renderReport(withNarrative(generated)).includes('The output checks removed 2 sentences'))
  })

  test('narrative after the verdict', () => {
    const markdown = renderReport(withNarrative(generated))
    assert.ok(markdown.indexOf('### Narrative') > markdown.indexOf('Pass'))
    assert.ok(markdown.indexOf('### Narrative') < markdown.indexOf('### Statistics'))
  })

  test('failed narrative one line', () => {
    const failed: Narrative = { ...noNarrative('failed', 'Ollama at 127.0.0.1:11434 did not answer within 900 s'), run: modelRun({ calls: 1, tokensPerSecond: null }) }
    const markdown = renderReport(withNarrative(failed))
    assert.ok(markdown.includes('_No narrative (failed): Ollama at 127.0.0.1:11434 did not answer within 900 s_'))
    assert.equal(extractNarrative(markdown), null)
  })

  test('cut narrative keeps note', () => {
    const cut: Narrative = { ...generated, status: 'cut', note: 'cut at the token limit (num_predict 512)', removedSentences: 0 }
    assert.ok(renderReport(withNarrative(cut)).includes('_cut at the token limit (num_predict 512)_'))
  })

  test('open code fence closed', () => {
    assert.equal(closeOpenFence('text\n```js\nlet x'), 'text\n```js\nlet x\n```')
  })

  test('closed code fence kept', () => {
    assert.equal(closeOpenFence('```\nx\n```'), '```\nx\n```')
  })
})

describe('report model run', () => {
  const chat = series('chat', statistics({ n: 3, mean: 110, min: 100, max: 120, p50: 110, stddev: 10 }))

  test('absent without a call', () => {
    assert.ok(!renderReport(model(analysis([chat]), comparison([]), noNarrative('off'))).includes('### Model run'))
  })

  test('figures shown', () => {
    const narrative: Narrative = { status: 'generated', markdown: 'Short.', note: null, removedSentences: 0, factsTrimmed: false, run: modelRun() }
    const markdown = renderReport(model(analysis([chat]), comparison([]), narrative))
    for (const expected of [
      '| Model | `gemma3:latest` (digest `a2af6cc3eb7f`) |',
      '| Tokens per second | 41.25 tokens/s |',
      '| Time to first token | 812.4 ms |',
      '| Wall clock | 9876.5 ms |',
      '| Server total duration | 9700.3 ms |',
      '| Load duration | 120.5 ms |',
      '| Prompt eval duration | 640.8 ms |',
      '| Eval duration | 8900.0 ms |',
      '| Tokens generated | 367 |',
      '| Prompt tokens | 1,412 (estimated 1,500 before sending) |',
      '| Options | `num_ctx=8192`, `temperature=0.2` |',
      `| Facts hash | \`${FACTS_HASH}\` |`
    ]) {
      assert.ok(markdown.includes(expected), expected)
    }
  })
})

describe('report footer', () => {
  const markdown = renderReport(model(analysis([]), comparison([])))

  test('names percentile method', () => {
    assert.ok(markdown.includes("linear interpolation between closest ranks (numpy's default, R type 7)"))
  })

  test('names gate settings', () => {
    assert.ok(markdown.includes('statistic median; threshold 10.0 %; alpha 0.05; absolute floor 0 ms for latency; fails on regression, failed'))
  })

  test('names baseline source', () => {
    assert.ok(markdown.includes('**Baseline:** git `main`.'))
  })
})
