/**
 * Mann–Whitney U p-values against values computed independently. Unless a comment
 * names another source, the expected values were printed by
 * `python3 test/support/compare-mann-whitney-reference.py`, which enumerates every
 * split of the pooled values for exact p-values and uses math.erfc for the normal
 * approximation.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { erfc, mannWhitneyU } from '../src/compare/mannwhitney.js'

function assertClose(actual: number, expected: number, message: string): void {
  assert.ok(Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)), `${message}: ${actual} is not ${expected}`)
}

describe('mannWhitneyU', () => {
  it('scipy documentation example, exact', () => {
    // scipy.stats.mannwhitneyu docs (Conover's example): U1 = 17, p = 0.1111111111111111 with method='exact' (2 * 7 / 126).
    const result = mannWhitneyU([19, 22, 16, 29, 24], [20, 11, 17, 12])
    assert.equal(result.method, 'exact')
    assert.equal(result.u, 17)
    assertClose(result.pValue, 0.1111111111111111, 'p-value')
  })

  it('three against four, exact', () => {
    // Completely separated samples: 2 of the C(7, 3) = 35 splits are this extreme, p = 2/35.
    const result = mannWhitneyU([1.1, 2.3, 3.5], [4.2, 5.1, 6.3, 7.7])
    assert.equal(result.method, 'exact')
    assert.equal(result.u, 0)
    assertClose(result.pValue, 0.05714285714285714, 'p-value')
  })

  it('five against five separated, exact', () => {
    const result = mannWhitneyU([110, 111, 112, 113, 114], [100, 101, 102, 103, 104])
    assert.equal(result.method, 'exact')
    assert.equal(result.u, 25)
    assertClose(result.pValue, 0.007936507936507936, 'p-value')
  })

  it('five against five interleaved, exact', () => {
    const result = mannWhitneyU([100.5, 101.5, 102.5, 103.5, 104.5], [100, 101, 102, 103, 104])
    assert.equal(result.method, 'exact')
    assert.equal(result.u, 15)
    assertClose(result.pValue, 0.6904761904761905, 'p-value')
  })

  it('six against fourteen, exact', () => {
    // scipy takes the exact distribution when either sample has at most 8 values and nothing is tied.
    const result = mannWhitneyU(
      [10.5, 12.25, 13.75, 15.5, 16.125, 18.0],
      [9.0, 9.5, 10.0, 11.0, 11.5, 12.0, 12.5, 13.0, 14.0, 14.5, 15.0, 16.5, 17.0, 17.5]
    )
    assert.equal(result.method, 'exact')
    assert.equal(result.u, 53)
    assertClose(result.pValue, 0.39700722394220844, 'p-value')
  })

  it('ten against twelve, asymptotic', () => {
    const result = mannWhitneyU(
      [12.1, 13.4, 15.2, 16.8, 17.3, 18.9, 19.5, 20.7, 21.1, 22.6],
      [10.2, 11.5, 11.9, 12.7, 13.1, 14.0, 14.8, 15.9, 16.3, 17.7, 18.2, 19.0]
    )
    assert.equal(result.method, 'asymptotic')
    assert.equal(result.u, 92)
    assertClose(result.pValue, 0.037797083908718054, 'p-value')
  })

  it('scipy documentation example, asymptotic', () => {
    // scipy.stats.mannwhitneyu docs: p = 0.11134688653314041 with method='asymptotic';
    // the reference script prints 0.11134688653314048.
    const result = mannWhitneyU([19, 22, 16, 29, 24], [20, 11, 17, 12], 'asymptotic')
    assert.equal(result.method, 'asymptotic')
    assertClose(result.pValue, 0.11134688653314041, 'p-value')
  })

  it('one outlier with ties, asymptotic', () => {
    const result = mannWhitneyU([98, 100, 101, 102, 500], [98, 99, 100, 101, 102])
    assert.equal(result.method, 'asymptotic')
    assert.equal(result.u, 16)
    assertClose(result.pValue, 0.5258089534529393, 'p-value')
  })

  it('heavy ties, asymptotic', () => {
    const result = mannWhitneyU([1, 1, 2, 2, 3], [2, 3, 3, 4, 4, 4])
    assert.equal(result.method, 'asymptotic')
    assert.equal(result.u, 3)
    assertClose(result.pValue, 0.03042378414846274, 'p-value')
  })

  it('every value equal gives one', () => {
    const result = mannWhitneyU([5, 5, 5], [5, 5, 5, 5])
    assert.equal(result.method, 'asymptotic')
    assert.equal(result.pValue, 1)
  })

  it('argument order keeps p-value', () => {
    const forward = mannWhitneyU([19, 22, 16, 29, 24], [20, 11, 17, 12])
    const backward = mannWhitneyU([20, 11, 17, 12], [19, 22, 16, 29, 24])
    assert.equal(backward.u, 20 - 17)
    assertClose(backward.pValue, forward.pValue, 'p-value')
  })

  it('large exact case stays fast', () => {
    // One sample of 8 and one of 5,000 still takes the exact path; the counts are BigInt.
    const small = [1, 2, 3, 4, 5, 6, 7, 8].map(value => value + 0.0025)
    const large = Array.from({ length: 5000 }, (_, index) => index * 0.01)
    const started = performance.now()
    const result = mannWhitneyU(small, large)
    assert.equal(result.method, 'exact')
    assert.ok(result.pValue > 0, `p-value ${result.pValue}`)
    assert.ok(result.pValue <= 1, `p-value ${result.pValue}`)
    assert.ok(performance.now() - started < 5000, 'took 5 s or more')
  })

  it('empty sample is rejected', () => {
    assert.throws(() => mannWhitneyU([], [1, 2]), RangeError)
  })
})

describe('erfc', () => {
  // Python 3.11 math.erfc values, printed with repr().
  const pythonValues: [number, number][] = [
    [-3, 1.9999779095030015],
    [-0.3, 1.3286267594591274],
    [0, 1.0],
    [0.2, 0.7772974107895215],
    [0.5, 0.4795001221869535],
    [1, 0.15729920705028513],
    [2.5, 0.0004069520174449589],
    [4, 1.541725790028002e-8],
    [5, 1.5374597944280351e-12],
    [10, 2.088487583762545e-45]
  ]
  for (const [x, expected] of pythonValues) {
    it(`erfc(${x}) matches math.erfc`, () => {
      const actual = erfc(x)
      assert.ok(Math.abs(actual - expected) <= 4e-16 * Math.abs(expected), `erfc(${x}) = ${actual}, expected ${expected}`)
    })
  }
})
