import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { parse } from 'csv-parse/sync'
import type { SeriesComparison } from '../src/compare/types.js'
import type { Narrative } from '../src/narrate/types.js'
import { extractNarrative } from '../src/publish/markers.js'
import { COMMENT_MAX_CHARS, JOB_SUMMARY_MAX_BYTES, fitSummary, renderCommentBody, renderReport } from '../src/publish/report/index.js'
import { FACTS_HASH, analysis, comparison, entry, model, modelRun, series, statistics } from './support/report-fixtures.js'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const manySeriesCase = path.resolve(repoRoot, '../shared/cases/B24')
const SUMMARY_URL = 'https://github.com/owner/project/actions/runs/42'

/** Bytes of text in UTF-8, the count GitHub's limits apply to besides characters. */
function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}

/**
 * 1400 series of one sample each, all 100 ms on both sides except one that is
 * 150 ms on the head side: a +50.0 % regression among 1,399 unchanged series.
 */
function manySeriesModel(rows: { name: string; base: number; head: number }[], narrative?: Narrative) {
  const headSeries = rows.map(row =>
    series(row.name, statistics({ n: 1, mean: row.head, min: row.head, max: row.head, p50: row.head, p90: row.head, p95: row.head, p99: row.head }), {
      path: 'csv_data/many_series.csv',
      benchmark: 'csv_data/many_series.csv'
    })
  )
  const entries: SeriesComparison[] = rows.map((row, index) => {
    const change = (row.head - row.base) / row.base
    const regressed = change > 0.1
    return entry(headSeries[index], regressed ? 'regression' : 'unchanged', {
      base: row.base,
      head: row.head,
      change,
      exceedsThreshold: regressed,
      noTestReason: 'fewer than 5 samples'
    })
  })
  return model(analysis(headSeries), comparison(entries), narrative)
}

function generatedRows(): { name: string; base: number; head: number }[] {
  return Array.from({ length: 1400 }, (_, index) => {
    const number = index + 1
    return { name: `endpoint-v1-completions-region-eu-west-variant-${String(number).padStart(4, '0')}`, base: 100, head: number === 1337 ? 150 : 100 }
  })
}

const REGRESSED = 'endpoint-v1-completions-region-eu-west-variant-1337'

describe('comment budget with 1400 series', () => {
  const body = renderCommentBody(manySeriesModel(generatedRows()), { maxChars: 60_000, summaryUrl: SUMMARY_URL })

  test('within character limit', () => {
    assert.ok(body.length <= COMMENT_MAX_CHARS, `${body.length} characters`)
  })

  test('within byte limit', () => {
    assert.ok(bytes(body) <= COMMENT_MAX_CHARS, `${bytes(body)} bytes`)
  })

  test('within requested budget', () => {
    assert.ok(bytes(body) <= 60_000, `${bytes(body)} bytes`)
  })

  test('contains the regression', () => {
    const row = body.split('\n').find(line => line.includes(REGRESSED) && line.includes('median'))
    assert.ok(row !== undefined, 'no table row for the regressed series')
    assert.ok(row.includes('100.0 ms | 150.0 ms | **+50.0 %**'), row)
  })

  test('verdict before the regression', () => {
    assert.ok(body.indexOf('❌ Fail') < body.indexOf(REGRESSED))
  })

  test('counts what was left out', () => {
    assert.ok(body.includes('1,399 of 1,400 series and metrics (1,399 unchanged)'), body.slice(0, 800))
  })

  test('note follows the verdict', () => {
    assert.ok(body.indexOf('Not shown in this comment') < body.indexOf('### Regressions'))
  })

  test('links the job summary', () => {
    assert.ok(body.includes(`[job summary](${SUMMARY_URL})`))
  })

  test('no sticky marker', () => {
    assert.ok(!body.includes('ollama-benchmark-report:sticky'))
  })

  test('deterministic', () => {
    assert.equal(renderCommentBody(manySeriesModel(generatedRows()), { maxChars: 60_000, summaryUrl: SUMMARY_URL }), body)
  })
})

describe('job summary with 1400 series', () => {
  const report = renderReport(manySeriesModel(generatedRows()))

  test('within 1 MiB', () => {
    assert.ok(bytes(report) <= JOB_SUMMARY_MAX_BYTES, `${bytes(report)} bytes`)
  })

  test('holds every series', () => {
    for (let number = 1; number <= 1400; number++) {
      const name = `variant-${String(number).padStart(4, '0')}\``
      if (!report.includes(name)) assert.fail(`series ${number} is missing`)
    }
  })

  test('nothing left out', () => {
    assert.ok(!report.includes('this report leaves out'))
  })
})

describe('summary trimmed to fit', () => {
  const maxBytes = 200_000
  const report = fitSummary(manySeriesModel(generatedRows()), maxBytes)

  test('within the limit', () => {
    assert.ok(bytes(report) <= maxBytes, `${bytes(report)} bytes`)
  })

  test('keeps the regression', () => {
    assert.ok(report.includes(`${REGRESSED}\` | \`latency_ms\` median | 100.0 ms | 150.0 ms | **+50.0 %**`))
  })

  test('says what was left out', () => {
    assert.match(report, /this report leaves out [\d,]+ of 1,400 series and metrics \([\d,]+ unchanged\)\. metrics\.json lists every series\./)
  })

  test('keeps the footer', () => {
    assert.ok(report.includes('**Gate:**'))
  })
})

describe('comment budget with multi-byte names', () => {
  // Each "⏱" is 1 UTF-16 unit but 3 UTF-8 bytes, so a body can fit in characters and not in bytes.
  const rows = Array.from({ length: 600 }, (_, index) => ({ name: `⏱`.repeat(40) + String(index).padStart(4, '0'), base: 100, head: index % 2 === 0 ? 130 : 100 }))
  const body = renderCommentBody(manySeriesModel(rows), { maxChars: 60_000, summaryUrl: SUMMARY_URL })

  test('within byte budget', () => {
    assert.ok(bytes(body) <= 60_000, `${bytes(body)} bytes`)
  })

  test('regressions fill the room', () => {
    const shown = body.split('\n').filter(line => line.includes('**+30.0 %**')).length
    assert.ok(shown > 50, `${shown} regression rows`)
  })

  test('says rows were left out', () => {
    assert.match(body, /more regression rows not shown here/)
  })
})

describe('comment budget without baseline', () => {
  const rows = generatedRows().map(row => ({ ...row, base: row.head }))
  const first = manySeriesModel(rows)
  // Without a baseline the compare stage still gives every head series an entry, in the state new.
  const newEntries = first.head.series.map(item => entry(item, 'new', null))
  first.comparison = comparison(newEntries, { baseline: { kind: 'none', ref: null, reason: 'the base branch has no benchmark artifacts' } })
  const body = renderCommentBody(first, { maxChars: 60_000, summaryUrl: SUMMARY_URL })

  test('within requested budget', () => {
    assert.ok(bytes(body) <= 60_000, `${bytes(body)} bytes`)
  })

  test('statistics fill the room', () => {
    assert.ok(body.includes('`series=endpoint-v1-completions-region-eu-west-variant-0001`'))
  })

  test('counts new series left out', () => {
    assert.match(body, /\*\*Not shown in this comment:\*\* [\d,]+ of 1,400 series and metrics \([\d,]+ new\)/)
  })

  test('no Infinity or NaN', () => {
    assert.ok(!/Infinity|NaN/.test(body))
  })
})

describe('comment with tiny budgets', () => {
  for (const maxChars of [40, 300, 1_000, 5_000]) {
    test(`within ${maxChars} bytes`, () => {
      const body = renderCommentBody(manySeriesModel(generatedRows()), { maxChars, summaryUrl: SUMMARY_URL })
      assert.ok(bytes(body) <= maxChars, `${bytes(body)} bytes`)
    })
  }
})

describe('comment keeps the narrative', () => {
  const narrative: Narrative = { status: 'generated', markdown: 'One series regressed by 50.0 %.', note: null, removedSentences: 0, factsTrimmed: false, run: modelRun() }
  const body = renderCommentBody(manySeriesModel(generatedRows(), narrative), { maxChars: 60_000, summaryUrl: SUMMARY_URL })

  test('narrative reads back', () => {
    assert.deepEqual(extractNarrative(body), { factsHash: FACTS_HASH, markdown: 'One series regressed by 50.0 %.' })
  })
})

describe('small report in comment', () => {
  const chat = series('chat', statistics({ n: 3, mean: 110, min: 100, max: 120, p50: 110, stddev: 10 }))
  const small = model(analysis([chat]), comparison([entry(chat, 'unchanged', { base: 109, head: 110, change: 0.0092 })]))

  test('equals the full report', () => {
    const body = renderCommentBody(small, { maxChars: 60_000, summaryUrl: null })
    assert.equal(body, renderReport(small))
  })

  test('adds the summary link', () => {
    const body = renderCommentBody(small, { maxChars: 60_000, summaryUrl: SUMMARY_URL })
    assert.ok(body.endsWith(`[Full report in the job summary](${SUMMARY_URL})\n`))
  })
})

describe('comment budget from the many-series case files', () => {
  const present = existsSync(path.join(manySeriesCase, 'pr/csv_data/many_series.csv'))
  const skip = present ? false : `shared case folder not found at ${manySeriesCase}`

  test('regression kept, rest counted', { skip }, () => {
    const read = (side: string) =>
      parse(readFileSync(path.join(manySeriesCase, side, 'csv_data/many_series.csv'), 'utf8'), { columns: true }) as { series: string; latency_ms: string }[]
    const base = new Map(read('base').map(row => [row.series, Number(row.latency_ms)]))
    const rows = read('pr').map(row => ({ name: row.series, base: base.get(row.series) ?? Number.NaN, head: Number(row.latency_ms) }))
    const body = renderCommentBody(manySeriesModel(rows), { maxChars: 60_000, summaryUrl: SUMMARY_URL })

    assert.ok(bytes(body) <= 60_000, `${bytes(body)} bytes`)
    assert.ok(body.includes('**+50.0 %**'))
    assert.ok(body.includes(REGRESSED))
    assert.ok(body.includes('1,399 of 1,400 series and metrics (1,399 unchanged)'))
  })
})
