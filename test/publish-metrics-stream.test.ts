import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, describe, test } from 'node:test'
import { buildMetricsDocument, writeMetricsDocument } from '../src/publish/metrics-json.js'
import { analysis, comparison, entry, model, series, statistics } from './support/report-fixtures.js'

const directory = mkdtempSync(path.join(tmpdir(), 'obr-metrics-stream-'))
after(() => rmSync(directory, { recursive: true, force: true }))

function manySeriesModel(count: number) {
  const list = Array.from({ length: count }, (_, index) =>
    series(`s${String(index).padStart(5, '0')}`, statistics({ n: 3, mean: 2, min: 1, max: 3, p50: 2 }), { path: `reports/run-${String(index).padStart(5, '0')}.csv` })
  )
  return model(analysis(list), comparison([entry(list[0], 'unchanged', { base: 2, head: 2, change: 0 })]))
}

describe('metrics.json stream', () => {
  test('same content as the document', async () => {
    const file = path.join(directory, 'same.json')
    await writeMetricsDocument(manySeriesModel(3), file)
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), buildMetricsDocument(manySeriesModel(3)))
  })

  test('one line per series', async () => {
    const file = path.join(directory, 'lines.json')
    await writeMetricsDocument(manySeriesModel(3), file)
    const lines = readFileSync(file, 'utf8').split('\n')
    // 3 series, each starting with its own path.
    assert.equal(lines.filter(line => line.startsWith('{"path":"reports/run-')).length, 3)
  })

  test('empty arrays stay arrays', async () => {
    const file = path.join(directory, 'empty.json')
    await writeMetricsDocument(model(analysis([]), comparison([])), file)
    const document = JSON.parse(readFileSync(file, 'utf8'))
    assert.deepEqual([document.series, document.comparisons, document.failedRuns, document.warnings, document.noise], [[], [], [], [], []])
  })

  test('many series beyond one chunk', async () => {
    const file = path.join(directory, 'many.json')
    await writeMetricsDocument(manySeriesModel(2000), file)
    const document = JSON.parse(readFileSync(file, 'utf8'))
    assert.equal(document.series.length, 2000)
    assert.equal(document.series[1999].path, 'reports/run-01999.csv')
  })

  test('ends with a line break', async () => {
    const file = path.join(directory, 'end.json')
    await writeMetricsDocument(manySeriesModel(1), file)
    assert.ok(readFileSync(file, 'utf8').endsWith('}\n'))
  })
})
