/**
 * Sample storage of one series and metric, bounded in memory. Below its per-series
 * limit and while its file's share of the sample budget lasts, a series keeps every sample
 * and its statistics are exact. Past either, it keeps exact streaming moments, a
 * DDSketch for the percentiles and a seeded reservoir sample for the significance test.
 */
import { LogCollapsingLowestDenseDDSketch } from '@datadog/sketches-js'
import { formatCount } from '../format.js'
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
 * Samples a streaming series collects before it adds them to its moments, sketch and
 * reservoir in one loop, which keeps the running state in local variables.
 */
const PENDING_SIZE = 4096

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

/** Mulberry32: a small seeded generator of uniform numbers in (0, 1), never 0, so its logarithm is finite. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4_294_967_296
  }
}

/** Streaming state of a series past its limit or the budget. */
interface Streaming {
  /** Samples not added yet, in file order. */
  pending: Float64Array
  pendingCount: number
  /** Samples added to the moments, the sketch and the reservoir. */
  added: number
  /** Welford's running mean and sum of squared deviations. */
  mean: number
  squares: number
  min: number
  max: number
  sketch: LogCollapsingLowestDenseDDSketch
  random: () => number
  /**
   * Algorithm L's state: the count of the next sample that enters the reservoir
   * (`Infinity` while the reservoir fills) and the current weight W.
   */
  nextReplacement: number
  weight: number
  /** Cause of streaming, named in the flag. */
  reason: 'limit' | 'budget'
}

/**
 * Valid samples of one series and metric. While exact, `samples()` returns every
 * sample in file order. Once streaming, it returns a reservoir of at most
 * `RESERVOIR_SIZE` (or the limit, when smaller): the first sample at index 0, so a
 * cold start stays visible, then a uniform sample of the others in no particular
 * order. The reservoir follows Li's Algorithm L (1994), which draws random numbers
 * only for the samples it keeps, O(k log(n/k)) of them, instead of one per sample.
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
    this.flush()
    return this.stored
  }

  /** True once the series keeps only a reservoir, so kept indices no longer follow file order. */
  get overLimit(): boolean {
    return this.streaming !== null
  }

  push(value: number): void {
    this.total++
    const streaming = this.streaming
    if (streaming !== null) {
      streaming.pending[streaming.pendingCount++] = value
      if (streaming.pendingCount === PENDING_SIZE) this.flush()
      return
    }
    if (this.stored < this.data.length || this.grow()) {
      this.data[this.stored++] = value
      return
    }
    this.streaming = this.startStreaming()
    this.streaming.pending[this.streaming.pendingCount++] = value
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
    this.flush()
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
      p50: sketchQuantile(streaming, 0.5),
      p90: sketchQuantile(streaming, 0.9),
      p95: sketchQuantile(streaming, 0.95),
      p99: sketchQuantile(streaming, 0.99)
    }
    // The reservoir's median estimates the median of the samples after the first.
    return { stats, coldStartIndex: coldStart ? detectColdStart(kept) : null }
  }

  /** Flag for a series whose percentiles came from the sketch. */
  limitFlag(): SeriesFlag | null {
    this.flush()
    if (this.streaming === null || this.total === this.stored) return null
    const cause =
      this.streaming.reason === 'limit'
        ? `exceed the limit of ${this.limit} kept exactly per series`
        : 'exceed the share of the sample budget that the series of this file get'
    return {
      code: 'sample-limit',
      message:
        `${formatCount(this.total)} samples ${cause}: percentiles come from a DDSketch and are within ${SKETCH_RELATIVE_ACCURACY * 100} % of a sample value near that rank; ` +
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
      pending: new Float64Array(PENDING_SIZE),
      pendingCount: 0,
      added: 0,
      sketch: new LogCollapsingLowestDenseDDSketch({ relativeAccuracy: SKETCH_RELATIVE_ACCURACY, binLimit: 2048 }),
      random: seededRandom(RESERVOIR_SEED),
      nextReplacement: Number.POSITIVE_INFINITY,
      weight: 1,
      reason
    }
    const kept = this.data
    const count = this.stored
    this.data = new Float64Array(Math.min(this.reservoirSize, Math.max(count, INITIAL_CAPACITY)))
    this.stored = 0
    this.addStreaming(streaming, kept, count)
    return streaming
  }

  /** Adds the pending samples of a streaming series. */
  private flush(): void {
    const streaming = this.streaming
    if (streaming === null || streaming.pendingCount === 0) return
    this.addStreaming(streaming, streaming.pending, streaming.pendingCount)
    streaming.pendingCount = 0
  }

  /** Adds the first `count` of `values` to the moments, the sketch and the reservoir, in order. */
  private addStreaming(streaming: Streaming, values: Float64Array, count: number): void {
    const sketch = streaming.sketch
    let { added, mean, squares, min, max } = streaming
    for (let i = 0; i < count; i++) {
      const value = values[i]
      added++
      const delta = value - mean
      mean += delta / added
      squares += delta * (value - mean)
      if (value < min) min = value
      if (value > max) max = value
      sketch.accept(value)
      if (this.stored < this.reservoirSize) this.fillReservoir(streaming, value, added)
      else if (added === streaming.nextReplacement) this.replaceInReservoir(streaming, value, added)
    }
    Object.assign(streaming, { added, mean, squares, min, max })
  }

  /** Appends to the reservoir while it has room; once full, schedules the first replacement. */
  private fillReservoir(streaming: Streaming, value: number, added: number): void {
    if (this.stored === this.data.length) {
      const grown = new Float64Array(Math.min(this.data.length * 2, this.reservoirSize))
      grown.set(this.data)
      this.data = grown
    }
    this.data[this.stored++] = value
    if (this.stored === this.reservoirSize) this.scheduleReplacement(streaming, added, true)
  }

  /** Puts the `added`-th sample in a random slot of the full reservoir and schedules the next replacement. */
  private replaceInReservoir(streaming: Streaming, value: number, added: number): void {
    // Slot 0 keeps the first sample; slots 1.. hold a uniform sample of samples 2..added.
    this.data[1 + Math.floor(streaming.random() * (this.reservoirSize - 1))] = value
    this.scheduleReplacement(streaming, added, false)
  }

  /**
   * Draws the count of the next sample that replaces one in the full reservoir
   * (Algorithm L): W, the chance that a later sample enters, shrinks to W·U^(1/k) with
   * each replacement, and the gap to the next one is geometric with parameter W.
   */
  private scheduleReplacement(streaming: Streaming, added: number, first: boolean): void {
    const size = this.reservoirSize - 1
    // A reservoir of the first sample only never changes.
    if (size === 0) return
    const random = streaming.random
    streaming.weight = (first ? 1 : streaming.weight) * Math.exp(Math.log(random()) / size)
    streaming.nextReplacement = added + Math.floor(Math.log(random()) / Math.log1p(-streaming.weight)) + 1
  }
}

/**
 * Returns a percentile from the sketch, kept within the exact minimum and maximum. The sketch
 * returns a value that represents a whole bucket, which can lie past the largest or smallest sample.
 */
function sketchQuantile(streaming: Streaming, quantile: number): number {
  return Math.min(streaming.max, Math.max(streaming.min, streaming.sketch.getValueAtQuantile(quantile)))
}
