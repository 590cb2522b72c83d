/**
 * Statistics the gate recomputes from raw samples, for example after it leaves out
 * a cold start. Percentiles come from the analyze stage's own function, so base and
 * head always use one definition: linear interpolation between closest ranks
 * (numpy's default, R type 7).
 */
import { MIN_SAMPLES_P95, MIN_SAMPLES_P99, percentileOfSorted } from '../analyze/statistics.js'
import type { GateStatistic } from './types.js'

/** Fraction of each percentile statistic. */
const PERCENTILE_FRACTIONS: Record<Exclude<GateStatistic, 'mean' | 'median'>, number> = {
  p90: 0.9,
  p95: 0.95,
  p99: 0.99
}

/**
 * Smallest sample count on each side for a percentile to be gated: below
 * 1 / (1 - p) samples the percentile is the maximum or an interpolation next to it,
 * so one outlier decides it.
 */
export const MIN_SAMPLES_FOR_STATISTIC: Record<GateStatistic, number> = {
  mean: 1,
  median: 1,
  p90: 10,
  p95: MIN_SAMPLES_P95,
  p99: MIN_SAMPLES_P99
}

/** Computes one gate statistic of `samples`; NaN when there are none. */
export function computeStatistic(samples: ArrayLike<number>, statistic: GateStatistic): number {
  if (samples.length === 0) return Number.NaN
  if (statistic === 'mean') return mean(samples)
  const sorted = Float64Array.from(samples).sort()
  if (statistic === 'median') return percentileOfSorted(sorted, 0.5)
  return percentileOfSorted(sorted, PERCENTILE_FRACTIONS[statistic])
}

/** Arithmetic mean; NaN for no values. */
export function mean(values: ArrayLike<number>): number {
  let sum = 0
  for (let i = 0; i < values.length; i++) sum += values[i]
  return sum / values.length
}

/**
 * Computes the coefficient of variation, the sample standard deviation (n - 1) over
 * the mean, as a fraction. Returns null for fewer than two values or a mean of 0 or less.
 */
export function coefficientOfVariation(values: ArrayLike<number>): number | null {
  if (values.length < 2) return null
  const average = mean(values)
  if (!(average > 0)) return null
  let squares = 0
  for (let i = 0; i < values.length; i++) squares += (values[i] - average) ** 2
  return Math.sqrt(squares / (values.length - 1)) / average
}

/** Returns `samples` without the element at `index`; the same array when `index` is null or out of range. */
export function withoutIndex(samples: Float64Array, index: number | null): Float64Array {
  if (index === null || index < 0 || index >= samples.length) return samples
  const kept = new Float64Array(samples.length - 1)
  kept.set(samples.subarray(0, index), 0)
  kept.set(samples.subarray(index + 1), index)
  return kept
}
