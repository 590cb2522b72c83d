/**
 * Statistics of the analyze stage. Expected values are hand calculations with
 * numpy's default percentile definition (linear, R type 7: h = (n - 1)p).
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  detectColdStart,
  lowSampleFlag,
  percentileOfSorted,
  PERCENTILE_METHOD,
  summarize
} from '../src/analyze/statistics.js'
import { SampleAccumulator } from '../src/analyze/sample-accumulator.js'

function assertClose(actual: number | null | undefined, expected: number, tolerance = 1e-9): void {
  assert.ok(
    actual !== null && actual !== undefined && Math.abs(actual - expected) <= Math.abs(expected) * tolerance + 1e-12,
    `expected ${expected}, got ${actual}`
  )
}

describe('percentiles', () => {
  // The integers 1..20 in shuffled order; numpy.percentile gives 10.5, 19.05 and 19.81.
  const shuffled = [7, 3, 20, 1, 15, 9, 12, 4, 18, 6, 11, 2, 16, 8, 19, 5, 13, 10, 17, 14]

  it('1..20 shuffled, p50', () => {
    assertClose(summarize(shuffled)?.p50, 10.5)
  })

  it('1..20 shuffled, p95', () => {
    assertClose(summarize(shuffled)?.p95, 19.05)
  })

  it('1..20 shuffled, p99', () => {
    assertClose(summarize(shuffled)?.p99, 19.81)
  })

  it('1..20 shuffled, mean', () => {
    assertClose(summarize(shuffled)?.mean, 10.5)
  })

  it('input order does not matter', () => {
    const ascending = summarize([...shuffled].sort((a, b) => a - b))
    const descending = summarize([...shuffled].sort((a, b) => b - a))
    assert.deepEqual(descending, ascending)
    assert.deepEqual(summarize(shuffled), ascending)
  })

  const cases: { name: string; samples: number[]; p: number; expected: number }[] = [
    // h = 2 * 0.95 = 1.9: 110 + 0.9 * 10
    { name: 'three samples p95', samples: [100, 110, 120], p: 0.95, expected: 119 },
    { name: 'three samples p50', samples: [120, 100, 110], p: 0.5, expected: 110 },
    { name: 'single sample p99', samples: [42], p: 0.99, expected: 42 },
    // h = 1 * 0.9 = 0.9: 1 + 0.9 * 1
    { name: 'two samples p90', samples: [2, 1], p: 0.9, expected: 1.9 },
    { name: 'p0 is the minimum', samples: [5, 3, 9], p: 0, expected: 3 },
    { name: 'p100 is the maximum', samples: [5, 3, 9], p: 1, expected: 9 }
  ]
  for (const { name, samples, p, expected } of cases) {
    it(name, () => {
      assertClose(percentileOfSorted(Float64Array.from(samples).sort(), p), expected)
    })
  }

  it('method is named for the report', () => {
    assert.match(PERCENTILE_METHOD, /linear interpolation/)
    assert.match(PERCENTILE_METHOD, /type 7/)
  })
})

describe('summary statistics', () => {
  it('sample standard deviation uses n - 1', () => {
    // Deviations from the mean 110 are -10, 0, 10: sqrt(200 / 2) = 10.
    assertClose(summarize([100, 110, 120])?.stddev, 10)
  })

  it('stddev is null for one sample', () => {
    assert.equal(summarize([5])?.stddev, null)
  })

  it('empty samples give null', () => {
    assert.equal(summarize([]), null)
  })

  it('min and max', () => {
    const stats = summarize([3, -1, 8])
    assert.equal(stats?.min, -1)
    assert.equal(stats?.max, 8)
  })

  it('outlier of five samples', () => {
    // 98, 100, 101, 102, 500: mean 180.2, p50 101, p95 = 102 + 0.8 * 398 = 420.4.
    const stats = summarize([98, 100, 101, 102, 500])
    assert.equal(stats?.n, 5)
    assertClose(stats?.mean, 180.2)
    assertClose(stats?.p50, 101)
    assertClose(stats?.p95, 420.4)
    assertClose(stats?.p99, 484.08)
  })
})

describe('low-sample flag', () => {
  it('n = 5 flags p95', () => {
    const flag = lowSampleFlag(5)
    assert.equal(flag?.code, 'low-sample-percentiles')
    assert.match(flag?.message ?? '', /n = 5/)
    assert.match(flag?.message ?? '', /p95/)
  })

  it('n = 19 flags p95', () => {
    assert.match(lowSampleFlag(19)?.message ?? '', /p95/)
  })

  it('n = 20 flags only p99', () => {
    const message = lowSampleFlag(20)?.message ?? ''
    assert.match(message, /p99 of n = 20/)
    assert.doesNotMatch(message, /p95/)
  })

  it('n = 100 has no flag', () => {
    assert.equal(lowSampleFlag(100), null)
  })
})

describe('cold start', () => {
  it('first sample far above the rest', () => {
    // ttft_s of a prompt suite: 2.33 s first, then about 0.13 s.
    assert.equal(detectColdStart([2.3260788, 0.1250604, 0.1298854, 0.1230046, 0.1294317]), 0)
  })

  it('exactly three times the median is no cold start', () => {
    assert.equal(detectColdStart([300, 100, 100, 100]), null)
  })

  it('two samples are too few', () => {
    assert.equal(detectColdStart([1000, 1]), null)
  })

  it('steady samples have none', () => {
    assert.equal(detectColdStart([100, 110, 120]), null)
  })

  it('zero median is not divided by', () => {
    assert.equal(detectColdStart([5, 0, 0, 0]), null)
  })
})

describe('sample accumulator', () => {
  it('keeps samples in order', () => {
    const accumulator = new SampleAccumulator()
    for (const value of [3, 1, 2]) accumulator.push(value)
    assert.deepEqual([...accumulator.samples()], [3, 1, 2])
  })

  it('grows past its first buffer', () => {
    const accumulator = new SampleAccumulator()
    for (let i = 0; i < 1000; i++) accumulator.push(i)
    assert.equal(accumulator.samples().length, 1000)
    assert.equal(accumulator.samples()[999], 999)
  })

  it('past the limit: exact moments, sketched percentiles', () => {
    const accumulator = new SampleAccumulator(100)
    // 1..10000: mean 5000.5, sample stddev sqrt(n (n + 1) / 12) = 2886.89568..., p50 5000.5.
    for (let i = 1; i <= 10_000; i++) accumulator.push(i)
    const stats = accumulator.statistics()
    assert.equal(stats?.n, 10_000)
    assertClose(stats?.mean, 5000.5)
    assertClose(stats?.stddev, Math.sqrt((10_000 * 10_001) / 12), 1e-9)
    assert.equal(stats?.min, 1)
    assert.equal(stats?.max, 10_000)
    // Within the sketch's 1 % relative accuracy, plus one rank.
    assert.ok(Math.abs((stats?.p50 ?? 0) - 5000.5) <= 5000.5 * 0.01 + 1, `p50 ${stats?.p50}`)
    assert.ok(Math.abs((stats?.p99 ?? 0) - 9900.01) <= 9900.01 * 0.01 + 1, `p99 ${stats?.p99}`)
  })

  it('past the limit keeps a sample', () => {
    const accumulator = new SampleAccumulator(100)
    for (let i = 1; i <= 1000; i++) accumulator.push(i)
    const kept = accumulator.samples()
    assert.equal(kept.length, 100)
    assert.equal(kept[0], 1)
    assert.equal(new Set(kept).size, 100)
    assert.ok(kept.every(value => Number.isInteger(value) && value >= 1 && value <= 1000))
    // Values past the first 100 must be able to enter the sample.
    assert.ok(kept.some(value => value > 100))
  })

  it('limit flag states the bound', () => {
    const accumulator = new SampleAccumulator(10)
    for (let i = 1; i <= 11; i++) accumulator.push(i)
    const flag = accumulator.limitFlag()
    assert.equal(flag?.code, 'sample-limit')
    assert.match(flag?.message ?? '', /1 %/)
  })

  it('below the limit has no flag', () => {
    const accumulator = new SampleAccumulator(10)
    accumulator.push(1)
    assert.equal(accumulator.limitFlag(), null)
  })
})
