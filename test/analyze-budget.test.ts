/**
 * Bounded sample storage and the per-row fast paths of the analyze stage: the
 * shared sample budget, the reservoir sample, plain-number reading and the newest
 * timestamp found by string comparison. Expected values are hand calculations.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { CellValue, ParsedTable } from '../src/collect/types.js'
import { analyzeTables, type FileAnalysis } from '../src/analyze/index.js'
import { NewestTimestamp } from '../src/analyze/newest-timestamp.js'
import { readCell, readPlainNumber } from '../src/analyze/numbers.js'
import { RESERVOIR_SIZE, SampleAccumulator, SampleBudget } from '../src/analyze/sample-accumulator.js'
import type { ParsedTime } from '../src/analyze/runs.js'
import { detectColdStart } from '../src/analyze/statistics.js'

function assertClose(actual: number | null | undefined, expected: number, tolerance = 1e-9): void {
  assert.ok(
    actual !== null && actual !== undefined && Math.abs(actual - expected) <= Math.abs(expected) * tolerance + 1e-12,
    `expected ${expected}, got ${actual}`
  )
}

async function analyzeRows(columns: string[], rows: CellValue[][], sampleBudget?: number): Promise<FileAnalysis> {
  const table: ParsedTable = {
    path: 'reports/runs.csv',
    location: '',
    columns,
    units: columns.map(() => null),
    context: {},
    rows: (async function* () {
      for (let i = 0; i < rows.length; i++) yield { line: i + 2, cells: rows[i] }
    })()
  }
  return analyzeTables('reports/runs.csv', [table], { maxSeries: 100, sampleBudget })
}

describe('sample budget', () => {
  it('exhausted budget streams exact moments', () => {
    const accumulator = new SampleAccumulator(5_000_000, new SampleBudget(64))
    // 1..100000: mean 50000.5, sample stddev sqrt(n (n + 1) / 12).
    for (let i = 1; i <= 100_000; i++) accumulator.push(i)
    const stats = accumulator.statistics()
    assert.equal(stats?.n, 100_000)
    assertClose(stats?.mean, 50_000.5)
    assertClose(stats?.stddev, Math.sqrt((100_000 * 100_001) / 12), 1e-9)
    assert.equal(stats?.min, 1)
    assert.equal(stats?.max, 100_000)
    assert.ok(Math.abs((stats?.p50 ?? 0) - 50_000.5) <= 50_000.5 * 0.01 + 1, `p50 ${stats?.p50}`)
  })

  it('exhausted budget keeps a reservoir', () => {
    const accumulator = new SampleAccumulator(5_000_000, new SampleBudget(64))
    for (let i = 1; i <= 100_000; i++) accumulator.push(i)
    const kept = accumulator.samples()
    assert.equal(kept.length, RESERVOIR_SIZE)
    assert.equal(kept[0], 1)
    assert.equal(new Set(kept).size, RESERVOIR_SIZE)
    // A uniform sample of 2..100000 has a mean near 50001; 10,000 draws put it within 2 %.
    const mean = kept.reduce((sum, value) => sum + value, 0) / kept.length
    assert.ok(Math.abs(mean - 50_001) < 1_000, `reservoir mean ${mean}`)
  })

  it('reservoir is deterministic', () => {
    const first = new SampleAccumulator(5_000_000, new SampleBudget(0))
    const second = new SampleAccumulator(5_000_000, new SampleBudget(0))
    for (let i = 0; i < 50_000; i++) {
      first.push(i * 0.5)
      second.push(i * 0.5)
    }
    assert.deepEqual([...first.samples()], [...second.samples()])
  })

  it('flag names the budget', () => {
    const accumulator = new SampleAccumulator(5_000_000, new SampleBudget(8))
    for (let i = 0; i < RESERVOIR_SIZE + 1; i++) accumulator.push(i)
    const flag = accumulator.limitFlag()
    assert.equal(flag?.code, 'sample-limit')
    assert.match(flag?.message ?? '', /sample budget/)
    assert.match(flag?.message ?? '', /1 %/)
  })

  it('small series past budget stays exact', () => {
    const accumulator = new SampleAccumulator(5_000_000, new SampleBudget(0))
    for (const value of [4, 1, 3, 2]) accumulator.push(value)
    // numpy.percentile([1, 2, 3, 4], 50) = 2.5
    assert.equal(accumulator.statistics()?.p50, 2.5)
    assert.equal(accumulator.limitFlag(), null)
    assert.deepEqual([...accumulator.samples()], [4, 1, 3, 2])
  })

  it('budget within reach stays exact', () => {
    const budget = new SampleBudget(1024)
    const accumulator = new SampleAccumulator(5_000_000, budget)
    for (let i = 1; i <= 1000; i++) accumulator.push(i)
    // 1..1000 with numpy's linear method: p90 = 900.1, p99 = 990.01.
    assertClose(accumulator.statistics()?.p90, 900.1)
    assertClose(accumulator.statistics()?.p99, 990.01)
    assert.equal(accumulator.limitFlag(), null)
  })

  it('series share one budget', () => {
    const budget = new SampleBudget(1024)
    const first = new SampleAccumulator(5_000_000, budget)
    const second = new SampleAccumulator(5_000_000, budget)
    for (let i = 0; i < 1000; i++) first.push(i)
    for (let i = 0; i < 1000; i++) second.push(i)
    assert.equal(first.limitFlag(), null)
    assert.equal(second.limitFlag(), null)
    assert.ok(budget.remaining >= 0)
    // The first took all 1024 slots, so the second streams, but its reservoir still holds all 1000 samples.
    assert.equal(second.overLimit, true)
  })

  it('analyzeTables applies the option', async () => {
    const rows: CellValue[][] = []
    for (let i = 1; i <= 20_000; i++) rows.push([String(i)])
    const result = await analyzeRows(['latency_ms'], rows, 100)
    const series = result.series.find(entry => entry.metric.name === 'latency_ms')
    assert.equal(series?.stats?.n, 20_000)
    assertClose(series?.stats?.mean, 10_000.5)
    assert.equal(series?.samples.length, RESERVOIR_SIZE)
    assert.ok(series?.flags.some(flag => flag.code === 'sample-limit'))
  })

  it('cold start survives the reservoir', async () => {
    const rows: CellValue[][] = [['5000']]
    for (let i = 0; i < 20_000; i++) rows.push([String(100 + (i % 10))])
    const result = await analyzeRows(['latency_ms'], rows, 100)
    const series = result.series.find(entry => entry.metric.name === 'latency_ms')
    assert.equal(series?.coldStartIndex, 0)
    assert.equal(series?.samples[0], 5000)
  })
})

describe('cold start with sorted samples', () => {
  it('first value repeated later', () => {
    // Others are [900, 100, 100, 110]: median 105, and 900 > 3 × 105.
    const samples = [900, 900, 100, 100, 110]
    const sorted = Float64Array.from(samples).sort()
    assert.equal(detectColdStart(samples, sorted), 0)
  })

  it('sorted and unsorted agree', () => {
    // Others are [100, 400, 100, 350]: median 225, and 700 > 675.
    const samples = [700, 100, 400, 100, 350]
    assert.equal(detectColdStart(samples), 0)
    assert.equal(detectColdStart(samples, Float64Array.from(samples).sort()), 0)
  })

  it('below factor is no cold start', () => {
    // Others are [100, 400, 100, 350]: median 225, and 600 < 675.
    assert.equal(detectColdStart([600, 100, 400, 100, 350]), null)
  })
})

describe('plain number reading', () => {
  const cases: [string, number][] = [
    ['0', 0],
    ['-0.5', -0.5],
    ['300', 300],
    ['12.5', 12.5],
    ['1234.567', 1234.567],
    ['0.123', 0.123]
  ]
  for (const [text, expected] of cases) {
    it(`reads '${text}'`, () => {
      assert.equal(readPlainNumber(text), expected)
    })
  }

  // Text that needs the full reader: digit grouping, units, signs, exponents, leading zeros.
  for (const text of ['1.234', '-12.345', '1,5', '12 ms', '+3', '1e5', '007', '.5', '5.', '', '-', 'NaN', ' 3']) {
    it(`defers '${text}'`, () => {
      assert.ok(Number.isNaN(readPlainNumber(text)))
    })
  }

  it('agrees with readCell', () => {
    for (const [text, expected] of cases) {
      const reading = readCell(text, false)
      assert.equal(reading.type === 'number' ? reading.value : Number.NaN, expected, text)
    }
  })
})

describe('newest timestamp', () => {
  function newestOf(cells: CellValue[]): ParsedTime | null {
    let newest: ParsedTime | null = null
    const column = new NewestTimestamp(0, time => {
      if (newest === null || time.epochMs > newest.epochMs) newest = time
    })
    for (const cell of cells) column.add(cell)
    column.finish()
    return newest
  }

  it('sorted stamps give the last', () => {
    const newest = newestOf(['2025-10-08T12:00:00.000Z', '2025-10-08T12:00:00.040Z', '2025-10-08T12:01:00.000Z'])
    assert.equal(newest?.epochMs, Date.UTC(2025, 9, 8, 12, 1, 0))
  })

  it('invalid month is skipped', () => {
    const newest = newestOf(['2025-10-08T12:00:00Z', '2025-13-01T00:00:00Z', '2025-10-08T13:00:00Z'])
    assert.equal(newest?.epochMs, Date.UTC(2025, 9, 8, 13, 0, 0))
  })

  it('february 30 is skipped', () => {
    const newest = newestOf(['2025-01-31T00:00:00Z', '2025-02-30T00:00:00Z'])
    assert.equal(newest?.epochMs, Date.UTC(2025, 0, 31))
  })

  it('other offsets are parsed', () => {
    // 10:00+00:00 is later than 11:00+02:00 (09:00 UTC), although it sorts first as a string.
    const newest = newestOf(['2025-10-08T10:00:00+00:00', '2025-10-08T11:00:00+02:00'])
    assert.equal(newest?.epochMs, Date.UTC(2025, 9, 8, 10, 0, 0))
  })

  it('other layouts are parsed', () => {
    const newest = newestOf(['2025-10-08T10:00:00Z', '2025-10-08 10:30:00.5Z', 1_759_921_200])
    // 1759921200 s is 2025-10-08T11:00:00Z.
    assert.equal(newest?.epochMs, Date.UTC(2025, 9, 8, 11, 0, 0))
  })

  it('non-digits in place of digits', () => {
    const newest = newestOf(['2025-10-08T10:00:00Z', '2025-10-08T10:00:5xZ', '2025-1x-08T10:00:00Z'])
    assert.equal(newest?.epochMs, Date.UTC(2025, 9, 8, 10, 0, 0))
  })

  it('leap second at day end', () => {
    // Like parseTimestamp, a :60 that rolls into the next month is no time.
    const newest = newestOf(['2025-06-30T23:59:59Z', '2025-06-30T23:59:60Z'])
    assert.equal(newest?.epochMs, Date.UTC(2025, 5, 30, 23, 59, 59))
  })

  it('without offset stays without', () => {
    const newest = newestOf(['2025-10-08 10:00:00', '2025-10-08 10:00:01'])
    assert.equal(newest?.hasOffset, false)
    assert.equal(newest?.epochMs, Date.UTC(2025, 9, 8, 10, 0, 1))
  })
})
