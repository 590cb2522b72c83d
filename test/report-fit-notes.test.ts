/**
 * Notes of the fitted report: the note under the verdict counts the comparison rows
 * that the folded tables leave out, series with no data on either side keep their
 * own folded table, a run that read no file says so, and p90 needs 10 samples.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { SeriesComparison } from '../src/compare/types.js'
import { fitSummary, renderReport } from '../src/publish/report/index.js'
import { analysis, comparison, entry, inventory, model, series, statistics } from './support/report-fixtures.js'

/** 600 unchanged series of one sample each and 30 series without data on either side, in one file. */
function crowdedModel() {
  const unchanged = Array.from({ length: 600 }, (_, index) =>
    series(`endpoint-completions-variant-${String(index + 1).padStart(4, '0')}`, statistics({ n: 1, mean: 100, min: 100, max: 100, p50: 100, p90: 100, p95: 100, p99: 100 }))
  )
  const empty = Array.from({ length: 30 }, (_, index) => series(`idle-${String(index + 1).padStart(2, '0')}`, null))
  const entries: SeriesComparison[] = [
    ...unchanged.map(item => entry(item, 'unchanged', { base: 100, head: 100, change: 0 })),
    ...empty.map(item => entry(item, 'no-data', null, { baseN: 0, notes: ['neither the head run nor any base run has valid samples'] }))
  ]
  return model(analysis([...unchanged, ...empty]), comparison(entries))
}

function numberIn(text: string, pattern: RegExp): number {
  const match = pattern.exec(text)
  assert.ok(match !== null, `no match for ${pattern}`)
  return Number(match[1].replaceAll(',', ''))
}

describe('summary notes agree when trimmed', () => {
  const report = fitSummary(crowdedModel(), 60_000)

  test('unchanged table is trimmed', () => {
    assert.match(report, /_[\d,]+ more rows of unchanged series not shown here\._/)
  })

  test('verdict note matches folded table', () => {
    const folded = numberIn(report, /_([\d,]+) more rows of unchanged series not shown here\._/)
    const noted = numberIn(report, /this report leaves out [\d,]+ of 630 series and metrics \(([\d,]+) unchanged/)
    assert.equal(noted, folded)
  })

  test('no data either side kept', () => {
    assert.ok(report.includes('<summary>30 series with no data on either side</summary>'), report.slice(0, 2000))
  })

  test('no data rows listed', () => {
    assert.ok(report.includes('`series=idle-30`'))
  })
})

describe('summary with no artifact file', () => {
  const empty = model(analysis([], { inventory: inventory({ totalFiles: 0, parsedFiles: 0, byType: {}, byFolder: {} }) }), comparison([]))
  const report = renderReport(empty)
  const expected = 'No artifact file was read, so nothing was checked: see the warnings about the `artifacts` patterns in the log.'

  test('says nothing was checked', () => {
    assert.ok(report.includes(expected), report)
  })

  test('line follows the verdict', () => {
    const lines = report.split('\n').filter(line => line !== '')
    const verdict = lines.findIndex(line => line.startsWith('**✅ Pass:**'))
    assert.equal(lines[verdict + 1], expected)
  })

  test('absent when files were read', () => {
    const read = renderReport(model(analysis([]), comparison([])))
    assert.ok(!read.includes('No artifact file was read'))
  })
})

describe('p90 minimum sample count', () => {
  const stats = statistics({ n: 5, mean: 180.2, stddev: 178.8, min: 98, p50: 101, p90: 340.8, p95: 420.4, p99: 484.08, max: 500 })
  const report = renderReport(model(analysis([series('cold', stats)]), comparison([])))
  const row = report.split('\n').find(line => line.includes('`series=cold`')) ?? ''

  test('p90 below 10 reads n/a', () => {
    // Columns: mean, stddev, min, p50, p90, p95, p99, max.
    assert.ok(row.includes('| 101.0 | n/a (n = 5) | n/a (n = 5) | n/a (n = 5) | 500.0 |'), row)
  })

  test('p90 value not shown', () => {
    assert.ok(!row.includes('340.8'), row)
  })

  test('footer names p90 minimum', () => {
    assert.ok(report.includes('p90, p95 and p99 are shown from 10, 20 and 100 samples on'), report.slice(-1500))
  })
})
