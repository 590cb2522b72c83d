/**
 * Finds the newest timestamp of one column without parsing every cell. Cells that
 * share one ISO 8601 layout (same length, digits and separators in the same places,
 * the same UTC offset text) sort by time as they sort as strings. So only a cell
 * greater than the newest so far has its fields checked, and only the newest is
 * parsed, at the end. Cells of any other form are parsed one by one.
 */
import type { CellValue } from '../collect/types.js'
import { parseTimestamp, utcTime, type ParsedTime } from './runs.js'

/** Layouts compared as strings: a date and time without spaces around the offset. */
const STRING_ORDERED = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i

/** Cells tried as the layout before the column is read by parsing alone. */
const MAX_LAYOUT_ATTEMPTS = 100

/** Marks a place of the layout that takes any digit. */
const ANY_DIGIT = -1

/** Length of `YYYY-MM-DDTHH:MM`, the part whose validity is cached between cells. */
const MINUTE_PREFIX = 16

export class NewestTimestamp {
  /**
   * Per character of the layout: `ANY_DIGIT` where the date and time have a digit, else
   * the character code that must be there (separators, and all of the UTC offset text).
   */
  private layout: Int32Array | null = null
  private layoutAttempts = 0
  /** Greatest valid cell of the layout so far. */
  private newest: string | null = null
  /** `YYYY-MM-DDTHH:MM` of `newest`, known to be a valid date and time. */
  private validPrefix = ''
  /** Above every string that starts with `validPrefix` and goes on with a character below U+00FF. */
  private validPrefixEnd = ''

  constructor(
    readonly index: number,
    private readonly onTime: (time: ParsedTime) => void
  ) {}

  add(cell: CellValue): void {
    if (typeof cell === 'string' && this.layout !== null && cell.length === this.layout.length) {
      // A cell that starts with the valid minute of an earlier cell has the layout up to there.
      // Two comparisons find whether it starts with that minute faster than `startsWith` does.
      const sameMinute = cell >= this.validPrefix && cell < this.validPrefixEnd
      if (this.hasLayout(cell, this.layout, sameMinute ? MINUTE_PREFIX : 0)) {
        if ((this.newest === null || cell > this.newest) && this.isValid(cell, sameMinute)) this.newest = cell
        return
      }
    }
    const time = parseTimestamp(cell)
    if (time === null) return
    this.onTime(time)
    if (typeof cell === 'string' && this.layout === null && this.layoutAttempts < MAX_LAYOUT_ATTEMPTS) this.adopt(cell)
  }

  /** Reports the newest cell of the layout. */
  finish(): void {
    if (this.newest === null) return
    const time = parseTimestamp(this.newest)
    if (time !== null) this.onTime(time)
  }

  /** Takes the layout of a cell that parsed, when its string order is its time order. */
  private adopt(cell: string): void {
    this.layoutAttempts++
    const match = STRING_ORDERED.exec(cell)
    if (match === null) return
    const offsetStart = cell.length - (match[1]?.length ?? 0)
    const layout = new Int32Array(cell.length)
    for (let i = 0; i < cell.length; i++) {
      const code = cell.charCodeAt(i)
      layout[i] = i < offsetStart && isDigit(code) ? ANY_DIGIT : code
    }
    this.layout = layout
    this.newest = cell
    this.setValidPrefix(cell)
  }

  /** Checks the characters of a cell of the layout's length from `from` on. The ones before are known to match. */
  private hasLayout(cell: string, layout: Int32Array, from: number): boolean {
    for (let i = from; i < layout.length; i++) {
      const expected = layout[i]
      const actual = cell.charCodeAt(i)
      if (expected === ANY_DIGIT ? !isDigit(actual) : actual !== expected) return false
    }
    return true
  }

  /**
   * Checks the fields as `parseTimestamp` does, fully only when the minute changed.
   * `sameMinute` is true when the cell starts with `validPrefix`.
   */
  private isValid(cell: string, sameMinute: boolean): boolean {
    const hasSeconds = cell.charCodeAt(MINUTE_PREFIX) === 0x3a
    // Seconds from 60 up take the full check, because a leap second (:60) can roll over into the next day and 61 to 99 are invalid.
    const leap = hasSeconds && cell.charCodeAt(MINUTE_PREFIX + 1) >= 0x36
    if (sameMinute && !leap) return true
    const second = hasSeconds ? cell.slice(MINUTE_PREFIX + 1, MINUTE_PREFIX + 3) : '0'
    const valid = utcTime(cell.slice(0, 4), cell.slice(5, 7), cell.slice(8, 10), cell.slice(11, 13), cell.slice(14, 16), second) !== null
    if (valid && !leap) this.setValidPrefix(cell)
    return valid
  }

  private setValidPrefix(cell: string): void {
    this.validPrefix = cell.slice(0, MINUTE_PREFIX)
    this.validPrefixEnd = `${this.validPrefix}\u00ff`
  }
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39
}
