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

/** Length of `YYYY-MM-DDTHH:MM`, the part whose validity is cached between cells. */
const MINUTE_PREFIX = 16

export class NewestTimestamp {
  private layout: string | null = null
  /** Index where the offset text starts in `layout`; it must match exactly. */
  private offsetStart = 0
  private layoutAttempts = 0
  /** Greatest valid cell of the layout so far. */
  private newest: string | null = null
  /** `YYYY-MM-DDTHH:MM` of `newest`, known to be a valid date and time. */
  private validPrefix = ''

  constructor(
    readonly index: number,
    private readonly onTime: (time: ParsedTime) => void
  ) {}

  add(cell: CellValue): void {
    if (typeof cell === 'string' && this.layout !== null && this.hasLayout(cell)) {
      if ((this.newest === null || cell > this.newest) && this.isValid(cell)) this.newest = cell
      return
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
    this.layout = cell
    this.offsetStart = cell.length - (match[1]?.length ?? 0)
    this.newest = cell
    this.validPrefix = cell.slice(0, MINUTE_PREFIX)
  }

  private hasLayout(cell: string): boolean {
    const layout = this.layout as string
    if (cell.length !== layout.length) return false
    for (let i = 0; i < this.offsetStart; i++) {
      const expected = layout.charCodeAt(i)
      const actual = cell.charCodeAt(i)
      if (isDigit(expected) ? !isDigit(actual) : actual !== expected) return false
    }
    for (let i = this.offsetStart; i < cell.length; i++) {
      if (cell.charCodeAt(i) !== layout.charCodeAt(i)) return false
    }
    return true
  }

  /** Checks the fields as `parseTimestamp` does, fully only when the minute changed. */
  private isValid(cell: string): boolean {
    const prefix = cell.slice(0, MINUTE_PREFIX)
    const hasSeconds = cell.charCodeAt(MINUTE_PREFIX) === 0x3a
    const second = hasSeconds ? cell.slice(MINUTE_PREFIX + 1, MINUTE_PREFIX + 3) : '0'
    // A leap second (:60) can roll over into the next day, so it takes the full check.
    if (prefix === this.validPrefix && second < '60') return true
    const valid = utcTime(cell.slice(0, 4), cell.slice(5, 7), cell.slice(8, 10), cell.slice(11, 13), cell.slice(14, 16), second) !== null
    if (valid && second < '60') this.validPrefix = prefix
    return valid
  }
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39
}
