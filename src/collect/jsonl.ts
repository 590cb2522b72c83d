/**
 * Reads a JSON Lines file (`.jsonl`, `.ndjson`) as one table with a row per line,
 * streamed so that memory does not grow with the file. The file is read twice: the
 * first pass finds the columns (records may differ in their fields), the second
 * yields the rows.
 *
 * Each record is flattened as in `.json` files. A record with arrays of numbers,
 * such as `{"series": "chat", "metric": "latency", "samples": [100, 110]}`, gives
 * one row per sample, carrying the record's identifying strings, plus one row for
 * its other numbers and flags when it has any.
 */
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { ArtifactParseError } from './errors.js'
import { JsonSyntaxError, isPlainObject, parseJson, type JsonObject } from './json-parse.js'
import { identity, splitObject } from './json-tables.js'
import type { ArtifactFile, CellValue, ParsedTable, ParseWarning, TableRow } from './types.js'

/** Lines reported one by one per file; further bad lines are counted in one warning. */
const MAX_LINE_WARNINGS = 20

interface LineRows {
  rows: Map<string, CellValue>[]
  /** Unit per sample column, from the record's `unit` field. */
  units: Map<string, string>
  /** True when the record held arrays of objects, which are not read in JSON Lines. */
  droppedNested: boolean
}

export async function* readJsonLines(file: ArtifactFile, onWarning: (warning: ParseWarning) => void): AsyncGenerator<ParsedTable> {
  const columns = new Map<string, number>()
  const units = new Map<string, string | null>()
  let badLines = 0
  let nestedLines = 0
  let records = 0

  for await (const { line, text } of readLines(file)) {
    const record = parseRecord(text)
    if (typeof record === 'string') {
      badLines++
      if (badLines <= MAX_LINE_WARNINGS) onWarning({ path: file.path, line, message: `${record}; the line was skipped.` })
      continue
    }
    records++
    const result = recordRows(record)
    if (result.droppedNested && nestedLines++ === 0) {
      onWarning({ path: file.path, line, message: 'Arrays of objects inside a JSON Lines record are not read.' })
    }
    for (const row of result.rows) for (const name of row.keys()) if (!columns.has(name)) columns.set(name, columns.size)
    for (const [name, unit] of result.units) {
      const known = units.get(name)
      if (known === undefined) units.set(name, unit)
      else if (known !== null && known !== unit) {
        onWarning({ path: file.path, line, message: `Column '${name}' has unit '${unit}' here but '${known}' on an earlier line; its unit is treated as unknown.` })
        units.set(name, null)
      }
    }
  }
  if (badLines > MAX_LINE_WARNINGS) {
    onWarning({ path: file.path, message: `${badLines - MAX_LINE_WARNINGS} more lines were not valid JSON records and were skipped.` })
  }
  if (records === 0) {
    if (badLines === 0) onWarning({ path: file.path, message: 'Empty file: no JSON records.' })
    return
  }

  const names = [...columns.keys()]
  yield {
    path: file.path,
    location: '',
    columns: names,
    units: names.map(name => units.get(name) ?? null),
    context: {},
    rows: streamRows(file, columns)
  }
}

async function* streamRows(file: ArtifactFile, columns: Map<string, number>): AsyncGenerator<TableRow> {
  for await (const { line, text } of readLines(file)) {
    const record = parseRecord(text)
    // Bad lines were reported by the first pass.
    if (typeof record === 'string') continue
    for (const row of recordRows(record).rows) {
      const cells = new Array<CellValue>(columns.size).fill(null)
      for (const [name, value] of row) {
        const index = columns.get(name)
        // A file changed between the passes may hold new columns; they were not announced, so they are left out.
        if (index !== undefined) cells[index] = value
      }
      yield { line, cells }
    }
  }
}

async function* readLines(file: ArtifactFile): AsyncGenerator<{ line: number; text: string }> {
  const stream = createReadStream(file.realPath, { encoding: 'utf8' })
  const reader = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })
  let line = 0
  try {
    for await (const raw of reader) {
      line++
      const text = line === 1 && raw.startsWith('\uFEFF') ? raw.slice(1) : raw
      if (text.trim() !== '') yield { line, text }
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code
    throw new ArtifactParseError(file.path, `The file cannot be read: ${typeof code === 'string' ? code : String(error)}.`)
  } finally {
    reader.close()
    stream.destroy()
  }
}

/** Parses one line into an object, or returns why it is not a record. */
function parseRecord(text: string): JsonObject | string {
  try {
    const { value } = parseJson(text, { locate: false })
    return isPlainObject(value) ? value : 'Expected a JSON object'
  } catch (error) {
    if (error instanceof JsonSyntaxError) return `Invalid JSON: ${error.message}`
    throw error
  }
}

function recordRows(record: JsonObject): LineRows {
  const parts = splitObject(record)
  const result: LineRows = { rows: [], units: new Map(), droppedNested: parts.nested.length > 0 }
  if (parts.holders.length === 0) {
    result.rows.push(parts.cells)
    return result
  }

  if ([...parts.cells.values()].some(value => value !== null && typeof value !== 'string')) result.rows.push(parts.cells)
  const labels = identity(record)
  for (const holder of parts.holders) {
    const holderLabels = new Map<string, CellValue>(Object.entries({ ...labels, ...identity(holder.object) }))
    const metric = holder.object.metric
    const unit = holder.object.unit
    for (const array of holder.arrays) {
      const name = holder.arrays.length === 1 && typeof metric === 'string' && metric !== '' ? metric : array.name
      if (typeof unit === 'string') result.units.set(name, unit)
      for (let index = 0; index < array.values.length; index++) {
        const value = array.values[index]
        const row = new Map(holderLabels)
        row.set(name, typeof value === 'number' ? value : null)
        result.rows.push(row)
      }
    }
  }
  return result
}
