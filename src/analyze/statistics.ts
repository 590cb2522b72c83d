/**
 * Descriptive statistics of one series: exact up to a per-series sample limit, then
 * from a DDSketch quantile sketch with a stated relative-error bound.
 */
import { LogCollapsingLowestDenseDDSketch } from '@datadog/sketches-js'
import type { SeriesFlag, SummaryStatistics } from './types.js'

/** Printed in the report footer so readers can reproduce the numbers with numpy or R. */
export const PERCENTILE_METHOD = 'linear interpolation between closest ranks (numpy default, R type 7)'

/** Exact statistics up to this many samples per series; beyond it, percentiles come from a sketch. */
export const DEFAULT_SAMPLE_LIMIT = 5_000_000

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
  const n = samples.length
  if (n === 0) return null
  const sorted = Float64Array.from(samples).sort()

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
 */
export function detectColdStart(samples: ArrayLike<number>): number | null {
  const n = samples.length
  if (n < COLD_START_MIN_SAMPLES) return null
  const first = samples[0]
  const others = Float64Array.from({ length: n - 1 }, (_, i) => samples[i + 1]).sort()
  const median = percentileOfSorted(others, 0.5)
  return median > 0 && first > COLD_START_FACTOR * median ? 0 : null
}

/**
 * Valid samples of one series and metric in file order, in a Float64Array grown by
 * doubling up to `limit`. Past the limit it keeps the exact count, mean, variance,
 * minimum and maximum, and a DDSketch for the percentiles, so memory stays bounded.
 */
export class SampleAccumulator {
  private data = new Float64Array(8)
  private stored = 0
  private total = 0
  private runningMean = 0
  private runningSquares = 0
  private minimum = Number.POSITIVE_INFINITY
  private maximum = Number.NEGATIVE_INFINITY
  private sketch: LogCollapsingLowestDenseDDSketch | null = null

  constructor(private readonly limit: number = DEFAULT_SAMPLE_LIMIT) {}

  /** Number of samples seen, including those past the limit. */
  get count(): number {
    return this.total
  }

  /** Number of samples kept in `samples()`. */
  get storedCount(): number {
    return this.stored
  }

  get overLimit(): boolean {
    return this.sketch !== null
  }

  push(value: number): void {
    this.total++
    // Welford's update, used only once the sketch takes over.
    const delta = value - this.runningMean
    this.runningMean += delta / this.total
    this.runningSquares += delta * (value - this.runningMean)
    if (value < this.minimum) this.minimum = value
    if (value > this.maximum) this.maximum = value

    if (this.stored < this.limit) {
      if (this.stored === this.data.length) {
        const grown = new Float64Array(Math.min(this.data.length * 2, Math.max(this.limit, 8)))
        grown.set(this.data)
        this.data = grown
      }
      this.data[this.stored++] = value
      return
    }
    if (this.sketch === null) {
      this.sketch = new LogCollapsingLowestDenseDDSketch({ relativeAccuracy: SKETCH_RELATIVE_ACCURACY, binLimit: 2048 })
      for (let i = 0; i < this.stored; i++) this.sketch.accept(this.data[i])
    }
    this.sketch.accept(value)
  }

  /** Replaces the kept sample at `index`, before statistics are taken. */
  replace(index: number, value: number): void {
    this.data[index] = value
  }

  /** Appends every sample of `other` after this one's. */
  append(other: SampleAccumulator): void {
    const values = other.samples()
    for (let i = 0; i < values.length; i++) this.push(values[i])
    // NOTE: samples that `other` kept only in its sketch are not carried over. Groups are
    // merged only when each contains one row, far below the limit.
  }

  /** Kept samples in file order (the first `limit` when over the limit). */
  samples(): Float64Array {
    return this.data.slice(0, this.stored)
  }

  /** Statistics of all samples seen; percentiles come from the sketch once over the limit. */
  statistics(): SummaryStatistics | null {
    if (this.sketch === null) return summarize(this.samples())
    const n = this.total
    return {
      n,
      mean: this.runningMean,
      stddev: n < 2 ? null : Math.sqrt(this.runningSquares / (n - 1)),
      min: this.minimum,
      max: this.maximum,
      p50: this.sketch.getValueAtQuantile(0.5),
      p90: this.sketch.getValueAtQuantile(0.9),
      p95: this.sketch.getValueAtQuantile(0.95),
      p99: this.sketch.getValueAtQuantile(0.99)
    }
  }

  /** Flag for a series whose percentiles came from the sketch. */
  limitFlag(): SeriesFlag | null {
    if (this.sketch === null) return null
    return {
      code: 'sample-limit',
      message: `${this.total} samples exceed the limit of ${this.limit} kept exactly: percentiles come from a DDSketch and are within ${SKETCH_RELATIVE_ACCURACY * 100} % of a sample value near that rank; n, mean, stddev, min and max are exact`
    }
  }
}
