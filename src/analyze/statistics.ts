/**
 * Descriptive statistics of one series, and the constants of the sketch that
 * replaces exact percentiles past the sample limit (see `sample-accumulator.ts`).
 */
import type { SeriesFlag, SummaryStatistics } from './types.js'

/** Printed in the report footer so readers can reproduce the numbers with numpy or R. */
export const PERCENTILE_METHOD = 'linear interpolation between closest ranks (numpy default, R type 7)'

/** Relative accuracy of the sketch: each percentile is within 1 % of a sample value near that rank. */
export const SKETCH_RELATIVE_ACCURACY = 0.01

/** p95 needs at least 20 samples and p99 at least 100 before they differ from the maximum. */
export const MIN_SAMPLES_P95 = 20
export const MIN_SAMPLES_P99 = 100

/**
 * Returns the p-quantile (0 ≤ p ≤ 1) of ascending `sorted` by linear interpolation
 * between closest ranks: h = (n − 1)·p, then interpolate between x[⌊h⌋] and x[⌈h⌉].
 * This is numpy's default (`method='linear'`) and R's type 7.
 */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length
  if (n === 0) return Number.NaN
  const h = (n - 1) * p
  const below = Math.floor(h)
  const above = Math.min(below + 1, n - 1)
  const fraction = h - below
  return sorted[below] + fraction * (sorted[above] - sorted[below])
}

/** Computes the statistics of finite samples in any order; null when there are none. */
export function summarize(samples: ArrayLike<number>): SummaryStatistics | null {
  if (samples.length === 0) return null
  return summarizeSorted(sortedCopy(samples))
}

/** Computes the statistics of finite samples sorted in ascending order, which must not be empty. */
function summarizeSorted(sorted: Float64Array): SummaryStatistics {
  const n = sorted.length
  const mean = meanOf(sorted)
  const stddev = n < 2 ? null : standardDeviationOf(sorted, mean)

  return {
    n,
    mean,
    stddev,
    min: sorted[0],
    max: sorted[n - 1],
    p50: percentileOfSorted(sorted, 0.5),
    p90: percentileOfSorted(sorted, 0.9),
    p95: percentileOfSorted(sorted, 0.95),
    p99: percentileOfSorted(sorted, 0.99)
  }
}

/** Computes the statistics of finite samples, which must not be empty, and returns the sorted copy with them. */
export function summarizeWithSorted(samples: ArrayLike<number>): { stats: SummaryStatistics; sorted: Float64Array } {
  const sorted = sortedCopy(samples)
  return { stats: summarizeSorted(sorted), sorted }
}

function sortedCopy(samples: ArrayLike<number>): Float64Array {
  // `slice` copies a typed array in one block; `Float64Array.from` goes through the iterator.
  const copy = samples instanceof Float64Array ? samples.slice() : Float64Array.from(samples)
  return copy.sort()
}

/**
 * Returns the mean of finite samples. When their sum overflows a double (values near
 * 1.8e308), the samples are summed divided by the largest magnitude, so the mean stays finite.
 */
function meanOf(samples: Float64Array): number {
  const n = samples.length
  let sum = 0
  for (let i = 0; i < n; i++) sum += samples[i]
  if (Number.isFinite(sum)) return sum / n

  const scale = largestMagnitude(samples)
  let scaled = 0
  for (let i = 0; i < n; i++) scaled += samples[i] / scale
  return (scaled / n) * scale
}

/**
 * Returns the sample standard deviation (n - 1 in the denominator), with the mean taken
 * first so the variance stays accurate for large values. Deviations whose squares
 * overflow are divided by the largest magnitude first.
 */
function standardDeviationOf(samples: Float64Array, mean: number): number {
  const n = samples.length
  let squares = 0
  for (let i = 0; i < n; i++) squares += (samples[i] - mean) ** 2
  if (Number.isFinite(squares)) return Math.sqrt(squares / (n - 1))

  const scale = largestMagnitude(samples)
  let scaled = 0
  for (let i = 0; i < n; i++) scaled += (samples[i] / scale - mean / scale) ** 2
  return Math.sqrt(scaled / (n - 1)) * scale
}

function largestMagnitude(samples: Float64Array): number {
  let largest = 0
  for (let i = 0; i < samples.length; i++) largest = Math.max(largest, Math.abs(samples[i]))
  return largest
}

/** Flags p95 and p99 computed from too few samples to differ from the maximum. */
export function lowSampleFlag(n: number): SeriesFlag | null {
  if (n === 0 || n >= MIN_SAMPLES_P99) return null
  if (n < MIN_SAMPLES_P95) {
    return {
      code: 'low-sample-percentiles',
      message: `p95 and p99 of n = ${n} samples are close to the maximum (p95 needs at least ${MIN_SAMPLES_P95} samples, p99 at least ${MIN_SAMPLES_P99})`
    }
  }
  return {
    code: 'low-sample-percentiles',
    message: `p99 of n = ${n} samples is close to the maximum (p99 needs at least ${MIN_SAMPLES_P99} samples)`
  }
}

/** A first sample above this multiple of the median of the others is a likely cold start. */
export const COLD_START_FACTOR = 3
export const COLD_START_MIN_SAMPLES = 3

/**
 * Returns 0 when the first sample (file order) is a likely cold start, else null.
 * Rule: n ≥ 3 and the first sample is more than 3 × the median of the other samples,
 * which must be positive. Model loading on the first request typically looks like this.
 * `sorted` is the same samples in ascending order, when the caller has them already.
 */
export function detectColdStart(samples: ArrayLike<number>, sorted?: Float64Array): number | null {
  const n = samples.length
  if (n < COLD_START_MIN_SAMPLES) return null
  const first = samples[0]
  const ascending = sorted ?? sortedCopy(samples)
  const median = medianWithoutOne(ascending, first)
  return median > 0 && first > COLD_START_FACTOR * median ? 0 : null
}

/**
 * Returns the median of ascending `sorted` with one occurrence of `value` left out,
 * without copying: rank k of the rest is rank k of `sorted` below the removed
 * position and rank k + 1 from it on.
 */
function medianWithoutOne(sorted: Float64Array, value: number): number {
  const removed = lowerBound(sorted, value)
  const rankOf = (k: number): number => sorted[k < removed ? k : k + 1]
  const h = (sorted.length - 2) * 0.5
  const below = Math.floor(h)
  const above = Math.min(below + 1, sorted.length - 2)
  return rankOf(below) + (h - below) * (rankOf(above) - rankOf(below))
}

/** Index of the first element of ascending `sorted` that is not less than `value`. */
function lowerBound(sorted: Float64Array, value: number): number {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (sorted[middle] < value) low = middle + 1
    else high = middle
  }
  return low
}
