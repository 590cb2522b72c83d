/**
 * Units of measurement as benchmark artifacts write them: time units (normalised to
 * milliseconds), rates (normalised to per second), sizes and percentages.
 */
import type { MetricKind } from './types.js'

/** A unit string resolved to a kind of quantity and a factor to the display unit. */
export interface ResolvedUnit {
  kind: 'time' | 'rate' | 'size' | 'percent' | 'ratio'
  /** Display unit: `ms` for time, `<noun>/s` for rates, the unit itself otherwise. */
  display: string
  /** Multiply a value in this unit by `factor` to get the display unit. */
  factor: number
}

/** Milliseconds per unit. */
const TIME_UNITS: Record<string, number> = {
  ns: 1e-6,
  nsec: 1e-6,
  nanosecond: 1e-6,
  nanoseconds: 1e-6,
  us: 1e-3,
  'µs': 1e-3,
  'μs': 1e-3,
  usec: 1e-3,
  microsecond: 1e-3,
  microseconds: 1e-3,
  ms: 1,
  msec: 1,
  millisecond: 1,
  milliseconds: 1,
  s: 1000,
  sec: 1000,
  secs: 1000,
  second: 1000,
  seconds: 1000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
  hrs: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000
}

/** Things counted per unit of time, mapped to the name used in the display unit. */
const RATE_NOUNS: Record<string, string> = {
  token: 'tokens',
  tokens: 'tokens',
  tok: 'tokens',
  toks: 'tokens',
  t: 'tokens',
  req: 'req',
  reqs: 'req',
  request: 'req',
  requests: 'req',
  query: 'req',
  queries: 'req',
  op: 'ops',
  ops: 'ops',
  operation: 'ops',
  operations: 'ops',
  it: 'it',
  iter: 'it',
  iters: 'it',
  iteration: 'it',
  iterations: 'it',
  sample: 'samples',
  samples: 'samples',
  image: 'images',
  images: 'images',
  img: 'images',
  imgs: 'images',
  frame: 'frames',
  frames: 'frames',
  item: 'items',
  items: 'items',
  char: 'chars',
  chars: 'chars',
  byte: 'bytes',
  bytes: 'bytes'
}

/** Abbreviated rates written as one word. */
const RATE_WORDS: Record<string, string> = {
  tps: 'tokens/s',
  rps: 'req/s',
  qps: 'req/s',
  fps: 'frames/s'
}

/** Size units by their lower-case spelling, with the spelling shown. */
const SIZE_UNITS: Record<string, string> = {
  b: 'B',
  kb: 'KB',
  mb: 'MB',
  gb: 'GB',
  tb: 'TB',
  kib: 'KiB',
  mib: 'MiB',
  gib: 'GiB',
  tib: 'TiB',
  byte: 'bytes',
  bytes: 'bytes'
}

/** Returns milliseconds per unit for a time unit, or undefined. */
export function millisecondsPer(unit: string): number | undefined {
  return TIME_UNITS[unit.trim().toLowerCase()]
}

/** Returns the display noun of a rate numerator (`tok` → `tokens`), or undefined. */
export function rateNoun(word: string): string | undefined {
  return RATE_NOUNS[word.toLowerCase()]
}

/**
 * Resolves a unit string such as `ms`, `s`, `tokens/s`, `tok/s`, `req/s`, `rps`, `GB`
 * or `%`. Returns null for a unit it does not know, such as `ticks`: such values are
 * never converted by guessing.
 */
export function resolveUnit(text: string): ResolvedUnit | null {
  const unit = text.trim().replace(/\s+/g, ' ')
  if (unit === '') return null
  const lower = unit.toLowerCase()

  const perTime = millisecondsPer(lower)
  if (perTime !== undefined) return { kind: 'time', display: 'ms', factor: perTime }

  if (lower === '%' || lower === 'percent' || lower === 'pct') return { kind: 'percent', display: '%', factor: 1 }
  if (lower === 'x' || lower === '×') return { kind: 'ratio', display: 'x', factor: 1 }
  const size = SIZE_UNITS[lower]
  if (size !== undefined) return { kind: 'size', display: size, factor: 1 }

  const word = RATE_WORDS[lower]
  if (word !== undefined) return { kind: 'rate', display: word, factor: 1 }

  // `tokens/s`, `tok/sec`, `tokens per second`, `req/ms`.
  const rate = /^([a-zµμ]+)\s*(?:\/|\bper\s+)\s*([a-zµμ]+)$/.exec(lower)
  if (rate !== null) {
    const noun = RATE_NOUNS[rate[1]]
    const perUnit = TIME_UNITS[rate[2]]
    if (noun !== undefined && perUnit !== undefined) {
      // A count per `unit` becomes a count per second: per ms times 1000, per min divided by 60.
      return { kind: 'rate', display: `${noun}/s`, factor: 1000 / perUnit }
    }
  }
  return null
}

/** Returns the metric kind a resolved unit implies. */
export function kindOfUnit(unit: ResolvedUnit): MetricKind {
  switch (unit.kind) {
    case 'time':
      return 'latency'
    case 'rate':
      return 'throughput'
    case 'size':
      return 'size'
    case 'percent':
    case 'ratio':
      return 'ratio'
  }
}
