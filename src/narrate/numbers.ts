/**
 * The number check: finds the numbers a narrative states and matches each one
 * against the computed facts at the precision the narrative wrote it.
 */

/**
 * Quantity a number measures, so `245 ms` is compared with times and `7.3 %` with
 * percentages. The facts state no ratios, so a stated factor such as `2x` matches nothing.
 */
export type NumberClass = 'time' | 'percent' | 'rate' | 'count' | 'ratio' | 'other'

/** A number the facts contain; times are in milliseconds. */
export interface FactNumber {
  value: number
  kind: NumberClass
}

/** A number written in the narrative, with its unit converted to the facts' units. */
export interface StatedNumber {
  /** The number as written, such as `7.3 %` or `1,399`. */
  text: string
  /** Absolute value in the facts' unit (milliseconds for times). */
  value: number
  /** Half a unit in the last written digit, in the facts' unit: the rounding the writer may have applied. */
  tolerance: number
  /** null when no unit was written: then the number may match a fact of any kind. */
  kind: NumberClass | null
}

interface UnitPattern {
  pattern: RegExp
  kind: NumberClass
  /** Factor to the facts' unit (milliseconds for times). */
  scale: number
}

// Units as models write them after a number; longer spellings first.
const UNITS: UnitPattern[] = [
  { pattern: /^\s*(?:%|percent\b|per\s*cent\b|pct\b|percentage points?\b|pp\b)/i, kind: 'percent', scale: 1 },
  { pattern: /^\s*(?:ms\b|msec\b|milliseconds?\b)/i, kind: 'time', scale: 1 },
  { pattern: /^\s*(?:µs\b|μs\b|us\b|microseconds?\b)/i, kind: 'time', scale: 0.001 },
  { pattern: /^\s*(?:ns\b|nanoseconds?\b)/i, kind: 'time', scale: 0.000001 },
  {
    pattern: /^\s*(?:(?:tokens?|toks?|t|req(?:uest)?s?|queries|items?|images?|samples?)\s*(?:\/|per\s+)\s*(?:s\b|sec\b|second\b)|[a-z]+\/s\b|tps\b|rps\b|qps\b)/i,
    kind: 'rate',
    scale: 1
  },
  { pattern: /^\s*(?:s\b|secs?\b|seconds?\b)/i, kind: 'time', scale: 1000 },
  { pattern: /^\s*(?:min\b|mins\b|minutes?\b)/i, kind: 'time', scale: 60_000 },
  { pattern: /^\s*(?:h\b|hours?\b)/i, kind: 'time', scale: 3_600_000 },
  { pattern: /^\s*(?:x\b|×|-?fold\b)/i, kind: 'ratio', scale: 1 }
]

// Suffixes glued to a number that still leave it a number ("295ms", "7.3%").
const GLUED_UNIT = /^(?:%|ms|s|us|µs|μs|ns|min|h|x)\b/i
const LETTER = /[\p{L}_]/u
const ALPHANUMERIC = /[\p{L}\p{N}_]/u

/**
 * Finds the numbers in one sentence. Numbers that are part of an identifier are
 * skipped: glued to letters (`gemma3`, `p95`, `12b`), after a letter and a hyphen
 * (`variant-0001`), inside a version, tag or path (`3.1:8b`, `v1/2`), or issue-like
 * (`#12`). Identifiers listed in the facts should be masked out before this call.
 */
export function findStatedNumbers(sentence: string): StatedNumber[] {
  const found: StatedNumber[] = []
  const candidate = /(?:\d{1,3}(?:,\d{3})+(?![\d,])|\d+)(?:\.\d+)*/g
  for (const match of sentence.matchAll(candidate)) {
    const start = match.index
    const end = start + match[0].length
    const before = sentence[start - 1] ?? ''
    const beforeThat = sentence[start - 2] ?? ''
    const after = sentence.slice(end)

    if (LETTER.test(before)) continue
    if ('.:/\\#'.includes(before) && before !== '' && (ALPHANUMERIC.test(beforeThat) || before === '#')) continue
    if (before === '-' && LETTER.test(beforeThat)) continue
    if ((match[0].match(/\./g) ?? []).length > 1) continue
    if (LETTER.test(after[0] ?? '') && !GLUED_UNIT.test(after)) continue

    const digits = match[0].replace(/,/g, '')
    const decimals = digits.includes('.') ? digits.length - digits.indexOf('.') - 1 : 0
    const unit = UNITS.find(candidateUnit => candidateUnit.pattern.test(after))
    const scale = unit?.scale ?? 1
    const unitText = unit === undefined ? '' : (unit.pattern.exec(after)?.[0] ?? '')
    found.push({
      text: `${match[0]}${unitText}`.trim(),
      value: Math.abs(Number(digits)) * scale,
      tolerance: 0.5 * 10 ** -decimals * scale,
      kind: unit?.kind ?? null
    })
  }
  return found
}

/**
 * Returns true when a stated number equals a fact after rounding the fact to the
 * precision the narrative wrote: `7.3 %` matches 7.27 %, `295` matches 295.0,
 * `380` and `381` match 380.5. Signs are ignored, because prose carries direction
 * in words ("fell 5 %").
 */
export function matchesFact(stated: StatedNumber, facts: readonly FactNumber[]): boolean {
  return facts.some(fact => {
    if (stated.kind !== null && stated.kind !== fact.kind) return false
    const value = Math.abs(fact.value)
    return Math.abs(value - stated.value) <= stated.tolerance + 1e-9 * Math.max(1, value)
  })
}

/**
 * Replaces every occurrence of the given identifiers (case-insensitive) by a
 * placeholder word, so the numbers inside names such as `llama3.1:8b` or
 * `variant-0001` are not read as stated numbers. Longer identifiers go first.
 */
export function maskIdentifiers(sentence: string, identifiers: readonly string[]): string {
  let masked = sentence
  const lower = () => masked.toLowerCase()
  for (const identifier of identifiers) {
    const needle = identifier.toLowerCase()
    if (needle === '') continue
    let index = lower().indexOf(needle)
    while (index >= 0) {
      masked = `${masked.slice(0, index)}NAME${masked.slice(index + needle.length)}`
      index = lower().indexOf(needle, index + 4)
    }
  }
  return masked
}
