/**
 * Sample storage of one series and metric, bounded in memory. Below its per-series
 * limit and while the run's shared sample budget lasts, a series keeps every sample
 * and its statistics are exact. Past either, it keeps exact streaming moments, a
 * DDSketch for the percentiles and a seeded reservoir sample for the significance test.
 */
import { LogCollapsingLowestDenseDDSketch } from '@datadog/sketches-js'
import { detectColdStart, summarize, summarizeWithSorted, SKETCH_RELATIVE_ACCURACY } from './statistics.js'
import type { SeriesFlag, SummaryStatistics } from './types.js'

/** Exact statistics up to this many samples per series; beyond it, percentiles come from a sketch. */
export const DEFAULT_SAMPLE_LIMIT = 5_000_000

/**
 * Samples kept exactly across all series of one analysis run: 16 Mi values, 128 MiB
 * of float64. Buffers are charged by capacity, so this bounds their memory.
 */
export const DEFAULT_SAMPLE_BUDGET = 16 * 1024 * 1024

/** Samples a series keeps for the significance test once past its limit or the budget. */
export const RESERVOIR_SIZE = 10_000

/** Seed of every reservoir, so the same file always gives the same sample. */
const RESERVOIR_SEED = 20_251_008

const INITIAL_CAPACITY = 8

/**
 * Sample slots shared by the series of one analysis run. A series takes slots when
 * its buffer grows and keeps them when it switches to streaming: its dropped buffer
 * is garbage until collected, and other series growing into its slots would add more.
 */
export class SampleBudget {
  private available: number

  constructor(readonly total: number = DEFAULT_SAMPLE_BUDGET) {
    this.available = total
  }

  /** Slots not taken yet. */
  get remaining(): number {
    return this.available
  }

  /** Takes up to `requested` slots and returns how many were taken. */
  take(requested: number): number {
    const granted = Math.max(0, Math.min(requested, this.available))
    this.available -= granted
    return granted
  }
}

/** Statistics of a series and the index of a likely cold start among its kept samples. */
export interface SeriesDescription {
  stats: SummaryStatistics | null
  coldStartIndex: number | null
}

/** Mulberry32: a small seeded generator of uniform numbers in [0, 1). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** Streaming state of a series past its limit or the budget. */
interface Streaming {
  /** Welford's running mean and sum of squared deviations. */
  mean: number
  squares: number
  min: number
  max: number
  sketch: LogCollapsingLowestDenseDDSketch
  random: () => number
  /** Cause of streaming, named in the flag. */
  reason: 'limit' | 'budget'
}

/**
 * Valid samples of one series and metric. While exact, `samples()` returns every
 * sample in file order. Once streaming, it returns a reservoir of at most
 * `RESERVOIR_SIZE` (or the limit, when smaller): the first sample at index 0, so a
 * cold start stays visible, then a uniform sample of the others (Vitter's
 * Algorithm R) in no particular order.
 */
export class SampleAccumulator {
  private data: Float64Array
  private stored = 0
  private total = 0
  private streaming: Streaming | null = null
  private readonly reservoirSize: number

  constructor(
    private readonly limit: number = DEFAULT_SAMPLE_LIMIT,
    private readonly budget: SampleBudget = new SampleBudget(Number.POSITIVE_INFINITY)
  ) {
    this.reservoirSize = Math.max(1, Math.min(RESERVOIR_SIZE, limit))
    const capacity = budget.take(Math.min(INITIAL_CAPACITY, Math.max(limit, 1)))
    this.data = new Float64Array(capacity)
  }

  /** Number of samples seen, including those not kept. */
  get count(): number {
    return this.total
  }

  /** Number of samples kept in `samples()`. */
  get storedCount(): number {
    return this.stored
  }

  /** True once the series keeps only a reservoir, so kept indices no longer follow file order. */
  get overLimit(): boolean {
    return this.streaming !== null
  }

  push(value: number): void {
    if (this.stored < this.data.length && this.streaming === null) {
      this.data[this.stored++] = value
      this.total++
      return
    }
    if (this.streaming === null && this.grow()) {
      this.data[this.stored++] = value
      this.total++
      return
    }
    this.streaming ??= this.startStreaming()
    this.total++
    this.addStreaming(this.streaming, value)
  }

  /** Replaces the kept sample at `index`, before statistics are taken. Ignored once streaming. */
  replace(index: number, value: number): void {
    // NOTE: a streaming series has fed its moments and sketch with the values as first read,
    // so a decimal-comma column past the limit or budget keeps those values there.
    if (this.streaming === null) this.data[index] = value
  }

  /** Appends every kept sample of `other` after this one's. */
  append(other: SampleAccumulator): void {
    const values = other.samples()
    for (let i = 0; i < values.length; i++) this.push(values[i])
    // NOTE: samples that `other` did not keep are not carried over. Groups are merged
    // only when each contains one row, far below the limit.
  }

  /** Kept samples: a view of the buffer, valid until the next `push`. */
  samples(): Float64Array {
    return this.data.subarray(0, this.stored)
  }

  /** Statistics of all samples seen; percentiles come from the sketch once samples were dropped. */
  statistics(): SummaryStatistics | null {
    return this.describe(false).stats
  }

  /**
   * Computes the statistics and, with `coldStart`, looks for a cold start, sorting the
   * kept samples once for both.
   */
  describe(coldStart: boolean): SeriesDescription {
    const kept = this.samples()
    if (this.total === this.stored) {
      if (this.stored === 0) return { stats: null, coldStartIndex: null }
      const { stats, sorted } = summarizeWithSorted(kept)
      return { stats, coldStartIndex: coldStart ? detectColdStart(kept, sorted) : null }
    }

    const streaming = this.streaming as Streaming
    const n = this.total
    const stats: SummaryStatistics = {
      n,
      mean: streaming.mean,
      stddev: n < 2 ? null : Math.sqrt(streaming.squares / (n - 1)),
      min: streaming.min,
      max: streaming.max,
      p50: streaming.sketch.getValueAtQuantile(0.5),
      p90: streaming.sketch.getValueAtQuantile(0.9),
      p95: streaming.sketch.getValueAtQuantile(0.95),
      p99: streaming.sketch.getValueAtQuantile(0.99)
    }
    // The reservoir's median estimates the median of the samples after the first.
    return { stats, coldStartIndex: coldStart ? detectColdStart(kept) : null }
  }

  /** Flag for a series whose percentiles came from the sketch. */
  limitFlag(): SeriesFlag | null {
    if (this.streaming === null || this.total === this.stored) return null
    const cause =
      this.streaming.reason === 'limit'
        ? `exceed the limit of ${this.limit} kept exactly per series`
        : 'exceed the sample budget that all series of this run share'
    return {
      code: 'sample-limit',
      message:
        `${this.total} samples ${cause}: percentiles come from a DDSketch and are within ${SKETCH_RELATIVE_ACCURACY * 100} % of a sample value near that rank; ` +
        `n, mean, stddev, min and max are exact; the significance test uses a seeded random sample of ${this.stored}`
    }
  }

  /** Doubles the buffer, or grows it as far as the limit and the budget allow; false when neither leaves a slot. */
  private grow(): boolean {
    const requested = Math.min(Math.max(this.data.length, INITIAL_CAPACITY), this.limit - this.data.length)
    const granted = requested > 0 ? this.budget.take(requested) : 0
    if (granted === 0) return false
    const grown = new Float64Array(this.data.length + granted)
    grown.set(this.data)
    this.data = grown
    return true
  }

  /** Replays the kept samples into the streaming state and shrinks the buffer to a reservoir. */
  private startStreaming(): Streaming {
    const reason = this.stored >= this.limit ? 'limit' : 'budget'
    const streaming: Streaming = {
      mean: 0,
      squares: 0,
      min: Number.POSITIVE_INFINITY,
      max: Number.NEGATIVE_INFINITY,
      sketch: new LogCollapsingLowestDenseDDSketch({ relativeAccuracy: SKETCH_RELATIVE_ACCURACY, binLimit: 2048 }),
      random: seededRandom(RESERVOIR_SEED),
      reason
    }
    const kept = this.data
    const count = this.stored
    this.data = new Float64Array(Math.min(this.reservoirSize, Math.max(count, INITIAL_CAPACITY)))
    this.stored = 0
    this.total = 0
    for (let i = 0; i < count; i++) {
      this.total++
      this.addStreaming(streaming, kept[i])
    }
    return streaming
  }

  /** Adds one sample, the `total`-th, to the moments, the sketch and the reservoir. */
  private addStreaming(streaming: Streaming, value: number): void {
    const delta = value - streaming.mean
    streaming.mean += delta / this.total
    streaming.squares += delta * (value - streaming.mean)
    if (value < streaming.min) streaming.min = value
    if (value > streaming.max) streaming.max = value
    streaming.sketch.accept(value)

    if (this.stored < this.reservoirSize) {
      if (this.stored === this.data.length) {
        const grown = new Float64Array(Math.min(this.data.length * 2, this.reservoirSize))
        grown.set(this.data)
        this.data = grown
      }
      this.data[this.stored++] = value
      return
    }
    // Slot 0 keeps the first sample; the others hold a uniform sample of samples 2..total.
    const slot = 1 + Math.floor(streaming.random() * (this.total - 1))
    if (slot < this.reservoirSize) this.data[slot] = value
  }
}
