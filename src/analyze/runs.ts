/**
 * Benchmark identity and run stamps. Benchmarks that write each run to a new
 * timestamped folder or file are one benchmark: the stamp in the path becomes `{run}`.
 * Times come from paths and contents, never from file mtimes (a checkout sets them all).
 */
import type { CellValue } from '../collect/types.js'

/** A point in time read from a path or a cell. */
export interface ParsedTime {
  /** Milliseconds since the Unix epoch, UTC. */
  epochMs: number
  /** False when the text had no UTC offset and was read as UTC. */
  hasOffset: boolean
}

export interface BenchmarkIdentity {
  /** Path with every run stamp replaced by `{run}`. */
  benchmark: string
  /** The last stamp in the path (the most specific), or null. */
  stamp: ParsedTime | null
}

const NOT_ALPHANUMERIC_BEFORE = '(?<![A-Za-z0-9])'
const NOT_ALPHANUMERIC_AFTER = '(?![A-Za-z0-9])'

/** `20251008-122701`, `20250930_133204`, `2025-10-08T12-27-01`, `20251008T122701Z`. */
const DATE_TIME_STAMP = new RegExp(
  `${NOT_ALPHANUMERIC_BEFORE}(\\d{4})-?(\\d{2})-?(\\d{2})[-_T ]?(\\d{2})[-:]?(\\d{2})[-:]?(\\d{2})(?:\\.\\d+)?(Z)?${NOT_ALPHANUMERIC_AFTER}`,
  'g'
)
/** Unix time in seconds (10 digits, 2001 to 2033) or milliseconds (13 digits). */
const UNIX_STAMP = new RegExp(`${NOT_ALPHANUMERIC_BEFORE}(1\\d{9}|1\\d{12})(?:\\.\\d+)?${NOT_ALPHANUMERIC_AFTER}`, 'g')
/** `20251002`, `2025-10-02`. */
const DATE_STAMP = new RegExp(`${NOT_ALPHANUMERIC_BEFORE}(\\d{4})-?(\\d{2})-?(\\d{2})${NOT_ALPHANUMERIC_AFTER}`, 'g')

const RUN_PLACEHOLDER = '{run}'

/**
 * Replaces run stamps in a workspace-relative path with `{run}`: a path segment or a
 * file-name part that is a date-time (`20251008-122701`), Unix seconds (`1759099000`)
 * or a date (`2025-10-02`). Stamps without an offset are read as UTC.
 */
export function identifyBenchmark(path: string): BenchmarkIdentity {
  const found: { index: number; length: number; time: ParsedTime }[] = []
  const taken = (index: number, length: number): boolean =>
    found.some(entry => index < entry.index + entry.length && entry.index < index + length)

  for (const match of path.matchAll(DATE_TIME_STAMP)) {
    const [, year, month, day, hour, minute, second, zone] = match
    const epochMs = utcTime(year, month, day, hour, minute, second)
    if (epochMs !== null) found.push({ index: match.index, length: match[0].length, time: { epochMs, hasOffset: zone === 'Z' } })
  }
  for (const match of path.matchAll(UNIX_STAMP)) {
    if (taken(match.index, match[0].length)) continue
    const digits = match[1]
    const epochMs = digits.length === 10 ? Number(match[0]) * 1000 : Number(digits)
    found.push({ index: match.index, length: match[0].length, time: { epochMs, hasOffset: true } })
  }
  for (const match of path.matchAll(DATE_STAMP)) {
    if (taken(match.index, match[0].length)) continue
    const [, year, month, day] = match
    const epochMs = utcTime(year, month, day, '0', '0', '0')
    if (epochMs !== null) found.push({ index: match.index, length: match[0].length, time: { epochMs, hasOffset: false } })
  }

  if (found.length === 0) return { benchmark: path, stamp: null }
  found.sort((a, b) => a.index - b.index)
  let benchmark = ''
  let position = 0
  for (const entry of found) {
    benchmark += path.slice(position, entry.index) + RUN_PLACEHOLDER
    position = entry.index + entry.length
  }
  benchmark += path.slice(position)
  return { benchmark, stamp: found[found.length - 1].time }
}

/** Returns the UTC time of the fields, or null when they are out of range or name no real day. */
export function utcTime(year: string, month: string, day: string, hour: string, minute: string, second: string): number | null {
  const values = [year, month, day, hour, minute, second].map(Number)
  const [y, mo, d, h, mi, s] = values
  if (y < 1990 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null
  const epochMs = Date.UTC(y, mo - 1, d, h, mi, s)
  // Date.UTC rolls 2025-02-31 over into March; such a date is no stamp.
  return new Date(epochMs).getUTCDate() === d ? epochMs : null
}

const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i

/**
 * Reads a timestamp cell: ISO 8601 with or without offset (`2025-10-08T16:27:01.26+00:00`,
 * `2025-10-04 13:37:17`), or Unix seconds or milliseconds as a number or digits.
 * Returns null for anything else.
 */
export function parseTimestamp(cell: CellValue): ParsedTime | null {
  if (cell === null || typeof cell === 'boolean') return null
  if (typeof cell === 'number') return unixTime(cell)
  const text = cell.trim()
  if (/^\d+(\.\d+)?$/.test(text)) return unixTime(Number(text))

  const match = ISO_TIME.exec(text)
  if (match === null) return null
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction, zone] = match
  const base = utcTime(year, month, day, hour, minute, second)
  if (base === null) return null
  const milliseconds = fraction === undefined ? 0 : Math.round(Number(fraction) * 1000)
  if (zone === undefined) return { epochMs: base + milliseconds, hasOffset: false }
  return { epochMs: base + milliseconds - offsetMs(zone), hasOffset: true }
}

function offsetMs(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0
  const sign = zone.startsWith('-') ? -1 : 1
  const digits = zone.slice(1).replace(':', '')
  const hours = Number(digits.slice(0, 2))
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0
  return sign * (hours * 60 + minutes) * 60_000
}

/** Unix seconds from 2001 to 2033, or milliseconds in the same range. */
function unixTime(value: number): ParsedTime | null {
  if (!Number.isFinite(value)) return null
  if (value >= 1e9 && value < 2e9) return { epochMs: Math.round(value * 1000), hasOffset: true }
  if (value >= 1e12 && value < 2e12) return { epochMs: Math.round(value), hasOffset: true }
  return null
}

/** ISO 8601 in UTC, such as `2025-10-08T16:27:01.263Z`. */
export function toIso(time: ParsedTime): string {
  return new Date(time.epochMs).toISOString()
}
