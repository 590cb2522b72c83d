/**
 * Reads numbers from metric cells only. CSV and Markdown cells are text, so the
 * decimal separator is decided per column: a column is read with decimal points
 * or with decimal commas when its values agree, and rejected when they do not.
 */
import type { CellValue } from '../collect/types.js'

/** The decimal separator of a column. */
export type DecimalMark = 'point' | 'comma'

/** Content of one cell. */
export type CellReading =
  | { type: 'missing' }
  | { type: 'non-finite' }
  | { type: 'invalid'; text: string }
  | { type: 'date'; text: string }
  | NumberReading

export interface NumberReading {
  type: 'number'
  /** Value read with decimal points (`1.234` is 1.234, `1,234` is 1234). */
  value: number
  /** Unit written after the number, such as `ms` in `354.41 ms`; null when none. */
  unit: string | null
  /** Decimal mark this text proves, or null when it reads the same either way or could be both. */
  evidence: DecimalMark | null
  /** Value read with decimal commas, when it differs from `value` (`1.234` is 1234, `1,234` is 1.234). */
  commaValue: number | null
  text: string
}

const MISSING = new Set(['', '-', '—', '–', 'n/a', 'na', 'none', 'null', 'nil', '?'])
const NON_FINITE = /^[+-]?(nan|inf|infinity)$/i
const SIMPLE_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?$/
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/

/**
 * Powers of ten that are exact doubles. The digits of a decimal of at most 15 digits,
 * read as an integer and divided by one of them, give the correctly rounded value that
 * `Number` returns, because both operands are exact and IEEE 754 rounds the quotient
 * once (Clinger's fast path).
 */
const EXACT_POWERS_OF_TEN = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15]
const MAX_EXACT_DIGITS = 15

/**
 * Returns the value of a plain decimal such as `-12.5` or `300` (the form that
 * `SIMPLE_NUMBER` matches, without a three-digit fraction that may be digit
 * grouping), or NaN for any other text, which then needs `readCell`. A charCode
 * scan that sums the digits on the way, because this runs for every cell of a large file.
 */
export function readPlainNumber(cell: string): number {
  const length = cell.length
  const negative = cell.charCodeAt(0) === 0x2d
  let i = negative ? 1 : 0
  const integerStart = i
  let digits = 0
  let code = 0
  while (i < length && isDigit((code = cell.charCodeAt(i)))) {
    digits = digits * 10 + (code - 0x30)
    i++
  }
  const integerDigits = i - integerStart
  if (integerDigits === 0 || (integerDigits > 1 && cell.charCodeAt(integerStart) === 0x30)) return Number.NaN
  let fractionDigits = 0
  if (i < length) {
    if (code !== 0x2e) return Number.NaN
    i++
    const fractionStart = i
    while (i < length && isDigit((code = cell.charCodeAt(i)))) {
      digits = digits * 10 + (code - 0x30)
      i++
    }
    fractionDigits = i - fractionStart
    if (i !== length || fractionDigits === 0) return Number.NaN
    // `1.234` may be 1234 with a grouping point: `readCell` decides.
    if (fractionDigits === 3 && integerDigits <= 3 && cell.charCodeAt(integerStart) !== 0x30) return Number.NaN
  }
  // Longer numbers would lose digits in the sum.
  if (integerDigits + fractionDigits > MAX_EXACT_DIGITS) return Number(cell)
  const value = digits / EXACT_POWERS_OF_TEN[fractionDigits]
  return negative ? -value : value
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39
}

/**
 * Reads one cell of a metric column. `strict` is for columns recognised only by
 * their values: there, identifiers that look like numbers (`0000123`, a commit
 * `1234e56`) are invalid, so the column is not taken as a metric.
 */
export function readCell(cell: CellValue, strict: boolean): CellReading {
  const reading = readCellText(cell, strict)
  // Text such as `1e309` or a 400-digit integer parses to Infinity: it is no sample either.
  if (reading.type === 'number' && !(Number.isFinite(reading.value) && (reading.commaValue === null || Number.isFinite(reading.commaValue)))) {
    return { type: 'non-finite' }
  }
  return reading
}

function readCellText(cell: CellValue, strict: boolean): CellReading {
  if (cell === null) return { type: 'missing' }
  if (typeof cell === 'number') {
    return Number.isFinite(cell) ? { type: 'number', value: cell, unit: null, evidence: null, commaValue: null, text: String(cell) } : { type: 'non-finite' }
  }
  if (typeof cell === 'boolean') return { type: 'invalid', text: String(cell) }

  if (SIMPLE_NUMBER.test(cell) && !isAmbiguousPoint(cell) && !(strict && /^-?0\d/.test(cell))) {
    return { type: 'number', value: Number(cell), unit: null, evidence: cell.includes('.') ? 'point' : null, commaValue: null, text: cell }
  }

  const text = cleanCell(cell)
  if (MISSING.has(text.toLowerCase())) return { type: 'missing' }
  if (NON_FINITE.test(text)) return { type: 'non-finite' }
  if (DATE_LIKE.test(text)) return { type: 'date', text }

  const match = /^([+-]?(?:\d[\d.,'\u00a0\u202f ]*|[.,]\d+)(?:[eE][+-]?\d+)?)\s*(.*)$/.exec(text)
  if (match === null) return { type: 'invalid', text }
  const numberText = match[1].trim()
  const unit = match[2].trim() === '' ? null : match[2].trim()
  const parsed = parseNumberText(numberText, strict)
  if (parsed === null) return { type: 'invalid', text }
  return { type: 'number', unit, text, ...parsed }
}

/** Removes Markdown emphasis, code ticks and status symbols such as ✅ around a value. */
function cleanCell(cell: string): string {
  return cell
    .replace(/[\p{So}\uFE0F]/gu, '')
    .trim()
    .replace(/^(\*\*|__|\*|_|`)(.*)\1$/s, '$2')
    .trim()
}

/** `12.345`: three digits after the only point, so it may be 12345 with a grouping point. */
function isAmbiguousPoint(text: string): boolean {
  return /^-?[1-9]\d{0,2}\.\d{3}$/.test(text)
}

interface ParsedNumber {
  value: number
  evidence: DecimalMark | null
  commaValue: number | null
}

function parseNumberText(text: string, strict: boolean): ParsedNumber | null {
  const sign = text.startsWith('-') ? -1 : 1
  const body = text.replace(/^[+-]/, '')

  if (/^\d+$/.test(body)) {
    if (strict && body.length > 1 && body.startsWith('0')) return null
    return { value: sign * Number(body), evidence: null, commaValue: null }
  }

  // Exponent notation as Python and C write it (`1e-05`, `1.5E+3`). Without a sign or a
  // point, `1234e56` is more likely a commit hash than a number.
  const exponent = /^(\d+\.?\d*|\.\d+)[eE]([+-]?\d+)$/.exec(body)
  if (exponent !== null) {
    if (strict && !exponent[1].includes('.') && !/^[+-]/.test(exponent[2])) return null
    return { value: sign * Number(body), evidence: null, commaValue: null }
  }

  if (/^(\d+\.\d*|\.\d+)$/.test(body)) {
    if (strict && /^0\d/.test(body)) return null
    const value = sign * Number(body)
    if (/^[1-9]\d{0,2}\.\d{3}$/.test(body)) return { value, evidence: null, commaValue: sign * Number(body.replace('.', '')) }
    return { value, evidence: 'point', commaValue: null }
  }

  if (/^(\d+,\d*|,\d+)$/.test(body)) {
    if (strict && /^0\d/.test(body)) return null
    const commaValue = sign * Number(body.replace(',', '.'))
    // `1,234` is 1234 with a grouping comma, or 1.234 with a decimal comma.
    if (/^[1-9]\d{0,2},\d{3}$/.test(body)) return { value: sign * Number(body.replace(',', '')), evidence: null, commaValue }
    return { value: commaValue, evidence: 'comma', commaValue: null }
  }

  // Digit grouping: `1,234.5` and `1,234,567` use decimal points; `1.234,5` and `1.234.567` decimal commas.
  if (/^[1-9]\d{0,2}(,\d{3})+(\.\d+)?$/.test(body)) {
    return { value: sign * Number(body.replaceAll(',', '')), evidence: 'point', commaValue: null }
  }
  // Indian grouping (`22,80,000`): the last group has three digits, the others two.
  if (/^[1-9]\d?(,\d{2})+,\d{3}(\.\d+)?$/.test(body)) {
    return { value: sign * Number(body.replaceAll(',', '')), evidence: 'point', commaValue: null }
  }
  if (/^[1-9]\d{0,2}(\.\d{3})+(,\d+)?$/.test(body)) {
    const value = sign * Number(body.replaceAll('.', '').replace(',', '.'))
    return { value, evidence: 'comma', commaValue: null }
  }

  // Grouping with spaces or apostrophes (`1 234,5`, `1'234.5`): the fraction separator decides.
  const spaced = /^[1-9]\d{0,2}(?:['\u00a0\u202f ]\d{3})+(?:([.,])(\d+))?$/.exec(body)
  if (spaced !== null) {
    const digits = body.replace(/['\u00a0\u202f ]/g, '')
    const mark = spaced[1]
    const value = sign * Number(mark === ',' ? digits.replace(',', '.') : digits)
    let evidence: DecimalMark | null = null
    if (mark === ',') evidence = 'comma'
    else if (mark === '.') evidence = 'point'
    return { value, evidence, commaValue: null }
  }
  return null
}

/**
 * Decides a column's decimal mark from the evidence of its values. A column that shows
 * both marks, or only values such as `1,234` that read either way, is rejected.
 */
export class DecimalMarkTracker {
  private pointAt: { line: number; text: string } | null = null
  private commaAt: { line: number; text: string } | null = null
  private ambiguousCommaAt: { line: number; text: string } | null = null

  /** True once a value proved decimal points. */
  get hasPoint(): boolean {
    return this.pointAt !== null
  }

  /** Notes a plain decimal with a point, which proves decimal points, as `observe` would. */
  observePoint(text: string, line: number): void {
    this.pointAt ??= { line, text }
  }

  observe(reading: NumberReading, line: number): void {
    if (reading.evidence === 'point') this.pointAt ??= { line, text: reading.text }
    else if (reading.evidence === 'comma') this.commaAt ??= { line, text: reading.text }
    else if (reading.commaValue !== null && /,/.test(reading.text)) this.ambiguousCommaAt ??= { line, text: reading.text }
  }

  /**
   * Decides the mark to read the column with, or why the column is rejected. `wholeNumbers`
   * is for counts: a count has no fraction, so `3,503` is 3503 with a grouping comma.
   */
  decide(wholeNumbers = false): { mark: DecimalMark } | { rejected: string; line: number } {
    if (this.pointAt !== null && this.commaAt !== null) {
      const [first, second] = this.pointAt.line <= this.commaAt.line ? [this.pointAt, this.commaAt] : [this.commaAt, this.pointAt]
      return {
        rejected: `mixes decimal points and decimal commas ('${first.text}' on line ${first.line}, '${second.text}' on line ${second.line})`,
        line: second.line
      }
    }
    if (this.commaAt !== null) return { mark: 'comma' }
    if (this.pointAt === null && this.ambiguousCommaAt !== null && !wholeNumbers) {
      return {
        rejected: `has values such as '${this.ambiguousCommaAt.text}' (line ${this.ambiguousCommaAt.line}) that read as a thousands separator or a decimal comma, and no value tells which`,
        line: this.ambiguousCommaAt.line
      }
    }
    // A point with three digits after it (`12.345`) is a decimal point unless the column shows decimal commas.
    return { mark: 'point' }
  }
}
