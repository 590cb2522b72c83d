/**
 * Parts that many series have in common are built once and shared: the low-sample
 * flag of each n, and the metric descriptor of a column across the groups of a
 * table. Sharing must not change what each series reports.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { analyzeTables, type FileAnalysis } from '../src/analyze/index.js'
import type { SeriesMetric } from '../src/analyze/types.js'
import type { CellValue, ParsedTable } from '../src/collect/types.js'

function table(columns: string[], rows: CellValue[][]): ParsedTable {
  return {
    path: 'unused',
    location: '',
    columns,
    units: columns.map(() => null),
    context: {},
    rows: (async function* () {
      for (let i = 0; i < rows.length; i++) yield { line: 2 + i, cells: rows[i] }
    })()
  }
}

async function analyze(path: string, columns: string[], rows: CellValue[][]): Promise<FileAnalysis> {
  return analyzeTables(path, [table(columns, rows)], { maxSeries: 10_000 })
}

function series(result: FileAnalysis, metric: string, seriesKey: string): SeriesMetric {
  const found = result.series.find(entry => entry.metric.name === metric && entry.seriesKey === seriesKey)
  assert.ok(found !== undefined, `no series ${metric} ${seriesKey}`)
  return found
}

const FOUR_SAMPLES = 'p95 and p99 of n = 4 samples are close to the maximum (p95 needs at least 20 samples, p99 at least 100)'
const THIRTY_SAMPLES = 'p99 of n = 30 samples is close to the maximum (p99 needs at least 100 samples)'

describe('analyze shared parts', () => {
  it('equal n shares the flag', async () => {
    const rows = [1, 2, 3, 4].flatMap(value => [
      ['a', String(value)],
      ['b', String(value * 2)]
    ])
    const first = await analyze('reports/one.csv', ['model', 'latency_ms'], rows)
    const second = await analyze('reports/two.csv', ['model', 'latency_ms'], rows)
    const flags = [series(first, 'latency_ms', 'model=a'), series(first, 'latency_ms', 'model=b'), series(second, 'latency_ms', 'model=a')].map(
      item => item.flags.find(flag => flag.code === 'low-sample-percentiles')
    )
    assert.equal(flags[0]?.message, FOUR_SAMPLES)
    assert.equal(flags[1], flags[0])
    assert.equal(flags[2], flags[0])
  })

  it('flag text follows n', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => ['a', String(i + 1)])
    const result = await analyze('reports/thirty.csv', ['model', 'latency_ms'], rows)
    const flag = series(result, 'latency_ms', 'model=a').flags.find(item => item.code === 'low-sample-percentiles')
    assert.equal(flag?.message, THIRTY_SAMPLES)
  })

  it('shared flag is frozen', async () => {
    const result = await analyze('reports/frozen.csv', ['model', 'latency_ms'], [['a', '1']])
    const flag = series(result, 'latency_ms', 'model=a').flags.find(item => item.code === 'low-sample-percentiles')
    assert.ok(flag !== undefined, 'the series has a low-sample flag')
    assert.ok(Object.isFrozen(flag))
  })

  it('groups share the descriptor', async () => {
    const result = await analyze('reports/groups.csv', ['model', 'latency_ms'], [
      ['a', '1'],
      ['b', '2']
    ])
    const a = series(result, 'latency_ms', 'model=a')
    const b = series(result, 'latency_ms', 'model=b')
    assert.equal(a.metric, b.metric)
  })

  it('shared descriptor keeps its fields', async () => {
    const result = await analyze('reports/fields.csv', ['model', 'latency_s'], [
      ['a', '1'],
      ['b', '2']
    ])
    assert.deepEqual(series(result, 'latency_s', 'model=b').metric, {
      name: 'latency_s',
      kind: 'latency',
      direction: 'lower-is-better',
      unit: 'ms',
      sourceUnit: 's',
      aggregate: null
    })
  })
})
