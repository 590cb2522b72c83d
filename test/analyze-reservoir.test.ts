/**
 * Streaming statistics of a series past its limit or the sample budget: the seeded
 * reservoir (Algorithm L), the running moments added in batches, and the budget
 * share of a run with fewer files than its concurrency. References are a plain
 * per-sample Welford loop, a chi-square test of uniformity and hand counts.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { analyzeCollection } from '../src/analyze/index.js'
import { RESERVOIR_SIZE, SampleAccumulator, SampleBudget } from '../src/analyze/sample-accumulator.js'
import type { ArtifactFile, Collection } from '../src/collect/types.js'
import { MemoryLogger } from '../src/logger.js'

/** Streams 1..count into an accumulator with no exact slots, so it keeps a reservoir from the start. */
function streamIndices(count: number): Float64Array {
  const accumulator = new SampleAccumulator(5_000_000, new SampleBudget(0))
  for (let i = 1; i <= count; i++) accumulator.push(i)
  return accumulator.samples()
}

/** Pearson's chi-square of the indices in `reservoir` after slot 0, over `bins` equal bins of 2..count. */
function chiSquare(reservoir: Float64Array, count: number, bins: number): number {
  const observed = new Array<number>(bins).fill(0)
  const width = (count - 1) / bins
  for (let i = 1; i < reservoir.length; i++) observed[Math.min(bins - 1, Math.floor((reservoir[i] - 2) / width))]++
  const expected = (reservoir.length - 1) / bins
  return observed.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0)
}

/** Chi-square quantile 0.999 with 19 degrees of freedom (standard tables). */
const CHI_SQUARE_19_999 = 43.82

describe('reservoir sample', () => {
  it('below the limit keeps file order', () => {
    const accumulator = new SampleAccumulator(1_000)
    const values = Array.from({ length: 1_000 }, (_, i) => (i * 7) % 13)
    for (const value of values) accumulator.push(value)
    assert.deepEqual([...accumulator.samples()], values)
    assert.equal(accumulator.overLimit, false)
    assert.equal(accumulator.limitFlag(), null)
  })

  it('reservoir keeps first sample', () => {
    assert.equal(streamIndices(300_000)[0], 1)
  })

  it('reservoir has full size', () => {
    assert.equal(streamIndices(300_000).length, RESERVOIR_SIZE)
  })

  it('reservoir has no repeats', () => {
    assert.equal(new Set(streamIndices(300_000)).size, RESERVOIR_SIZE)
  })

  it('reservoir holds only seen samples', () => {
    const reservoir = streamIndices(300_000)
    assert.ok(reservoir.every(value => Number.isInteger(value) && value >= 1 && value <= 300_000))
  })

  for (const count of [12_345, 300_000, 1_000_003]) {
    it(`reservoir uniform over ${count} positions`, () => {
      const statistic = chiSquare(streamIndices(count), count, 20)
      assert.ok(statistic < CHI_SQUARE_19_999, `chi-square ${statistic.toFixed(2)} over 20 bins`)
    })
  }

  it('short stream keeps every sample', () => {
    assert.deepEqual([...streamIndices(RESERVOIR_SIZE)], Array.from({ length: RESERVOIR_SIZE }, (_, i) => i + 1))
  })

  it('limit of one keeps first', () => {
    const accumulator = new SampleAccumulator(1)
    for (let i = 1; i <= 100; i++) accumulator.push(i)
    assert.deepEqual([...accumulator.samples()], [1])
  })
})

describe('streaming moments', () => {
  /** Welford's update, one sample at a time (Knuth, TAOCP vol. 2, 4.2.2). */
  function welford(values: number[]): { mean: number; stddev: number } {
    let mean = 0
    let squares = 0
    for (let i = 0; i < values.length; i++) {
      const delta = values[i] - mean
      mean += delta / (i + 1)
      squares += delta * (values[i] - mean)
    }
    return { mean, stddev: Math.sqrt(squares / (values.length - 1)) }
  }

  // 10,007 values: a batch boundary does not fall on the last sample.
  const values = Array.from({ length: 10_007 }, (_, i) => 100 + ((i * 7919) % 1000) / 7)

  function streamed(): SampleAccumulator {
    const accumulator = new SampleAccumulator(5_000_000, new SampleBudget(64))
    for (const value of values) accumulator.push(value)
    return accumulator
  }

  it('mean equals per-sample Welford', () => {
    assert.equal(streamed().statistics()?.mean, welford(values).mean)
  })

  it('stddev equals per-sample Welford', () => {
    assert.equal(streamed().statistics()?.stddev, welford(values).stddev)
  })

  it('count includes pending samples', () => {
    assert.equal(streamed().count, values.length)
  })

  it('statistics count every sample', () => {
    assert.equal(streamed().statistics()?.n, values.length)
  })

  it('sketch percentiles stay within range', () => {
    // 15 lies inside a sketch bucket whose middle is above 15.
    const accumulator = new SampleAccumulator(5_000_000, new SampleBudget(64))
    for (let i = 0; i < 1000; i++) accumulator.push(i < 10 ? 12.5 : 15)
    const stats = accumulator.statistics()
    assert.deepEqual([stats?.p50, stats?.p99], [15, 15])
  })

  it('minimum and maximum are exact', () => {
    const stats = streamed().statistics()
    assert.deepEqual([stats?.min, stats?.max], [Math.min(...values), Math.max(...values)])
  })
})

describe('budget share', () => {
  const root = mkdtempSync(join(tmpdir(), 'obr-reservoir-'))
  after(() => rmSync(root, { recursive: true, force: true }))

  function writeRuns(name: string, rows: number): ArtifactFile {
    const lines = ['latency_ms', ...Array.from({ length: rows }, (_, i) => String(100 + (i % 50)))]
    const absolutePath = join(root, name)
    writeFileSync(absolutePath, `${lines.join('\n')}\n`)
    const size = statSync(absolutePath).size
    return { path: name, absolutePath, realPath: absolutePath, format: 'csv', size, modifiedAt: null, timeSource: 'unknown', blob: null }
  }

  function collection(files: ArtifactFile[]): Collection {
    return { workspace: root, files, skipped: [], foundByExtension: {}, history: 'filesystem', warnings: [] }
  }

  // 12,000 samples, more than the reservoir holds: the buffer doubles from 8 to 16,384
  // slots, which fit in the whole budget of 32,768 but not in a share of a quarter.
  const rows = 12_000
  const options = { maxSeries: 100, sampleBudget: 32_768, concurrency: 4 }
  const limitFlags = (analysis: Awaited<ReturnType<typeof analyzeCollection>>, path: string): string[] =>
    analysis.series.filter(series => series.path === path).flatMap(series => series.flags.map(flag => flag.code))

  it('lone file gets one share', async () => {
    const analysis = await analyzeCollection(collection([writeRuns('one.csv', rows)]), options, new MemoryLogger())
    assert.deepEqual(limitFlags(analysis, 'one.csv'), ['sample-limit'])
  })

  it('share ignores the other files', async () => {
    const alone = await analyzeCollection(collection([writeRuns('same.csv', rows)]), options, new MemoryLogger())
    const others = ['a.csv', 'b.csv', 'c.csv'].map(name => writeRuns(name, 10))
    const together = await analyzeCollection(collection([writeRuns('same.csv', rows), ...others]), options, new MemoryLogger())
    const statistics = (analysis: typeof alone) => analysis.series.filter(series => series.path === 'same.csv').map(series => ({ stats: series.stats, samples: [...series.samples], flags: series.flags }))
    assert.deepEqual(statistics(together), statistics(alone))
  })
})
