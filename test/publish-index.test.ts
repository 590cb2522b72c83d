import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, describe, test } from 'node:test'
import { buildMetricsDocument, writeMetricsDocument } from '../src/publish/metrics-json.js'
import { indexReport, renderReport } from '../src/publish/report/index.js'
import { lazyRow } from '../src/publish/report/layout.js'
import { analysis, comparison, entry, model, series, statistics } from './support/report-fixtures.js'

const directory = mkdtempSync(path.join(tmpdir(), 'obr-publish-index-'))
after(() => rmSync(directory, { recursive: true, force: true }))

/** Builds a model with `count` series in files of 6 series each, and a comparison entry for every other series. */
function largeModel(count: number) {
  const list = Array.from({ length: count }, (_, index) =>
    series(`model=gemma3:4b, scenario=chat-${String(index).padStart(6, '0')}`, statistics({ n: 12, mean: 2, min: 1, max: 3, p50: 2, p90: 2.8 }), {
      path: `artifacts/suite-${String(Math.floor(index / 600)).padStart(2, '0')}/run-${String(Math.floor(index / 6)).padStart(4, '0')}/bench.csv`
    })
  )
  const entries = list.filter((_, index) => index % 2 === 0).map(item => entry(item, 'unchanged', { base: 2, head: 2, change: 0 }))
  return model(analysis(list), comparison(entries))
}

describe('lazy report rows', () => {
  test('renders on first read', () => {
    let calls = 0
    const row = lazyRow(() => {
      calls++
      return '| a |'
    }, ['id'])
    assert.equal(calls, 0)
    assert.equal(row.text, '| a |')
    assert.equal(row.text, '| a |')
    assert.equal(calls, 1)
  })

  test('keeps the ids it shows', () => {
    assert.deepEqual(lazyRow(() => '', ['a', 'b']).shows, ['a', 'b'])
  })
})

describe('shared report index', () => {
  test('same report with a given index', () => {
    const large = largeModel(3000)
    assert.equal(renderReport(large, { maxBytes: 50_000 }, indexReport(large)), renderReport(large, { maxBytes: 50_000 }))
  })

  test('metrics series states', () => {
    const large = largeModel(10)
    const states = buildMetricsDocument(large).series.map(item => item.state)
    assert.deepEqual(states, ['unchanged', 'not-compared', 'unchanged', 'not-compared', 'unchanged', 'not-compared', 'unchanged', 'not-compared', 'unchanged', 'not-compared'])
  })
})

describe('metrics.json in chunks', () => {
  test('same content beyond 1 MiB', async () => {
    const large = largeModel(6000)
    const file = path.join(directory, 'large.json')
    await writeMetricsDocument(large, file)
    const text = readFileSync(file, 'utf8')
    assert.ok(text.length > 2 * 1024 * 1024, `only ${text.length} characters`)
    assert.deepEqual(JSON.parse(text), buildMetricsDocument(large))
  })

  test('entry longer than a chunk', async () => {
    const long = series('x'.repeat(400_000), statistics({ n: 3, mean: 2, min: 1, max: 3, p50: 2 }), { path: 'reports/long.csv' })
    const short = series('short', statistics({ n: 3, mean: 2, min: 1, max: 3, p50: 2 }), { path: 'reports/short.csv' })
    const document = model(analysis([long, short]), comparison([entry(long, 'unchanged', { base: 2, head: 2, change: 0 })]))
    const file = path.join(directory, 'long.json')
    await writeMetricsDocument(document, file)
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), buildMetricsDocument(document))
  })

  test('one line per entry beyond 1 MiB', async () => {
    const large = largeModel(6000)
    const file = path.join(directory, 'lines.json')
    await writeMetricsDocument(large, file, indexReport(large))
    const lines = readFileSync(file, 'utf8').split('\n')
    assert.equal(lines.filter(line => line.startsWith('{"path":"artifacts/')).length, 6000)
    assert.equal(lines.filter(line => line.startsWith('{"benchmark":')).length, 3000)
  })
})
