/**
 * Turns a parsed JSON document into tables. The mapping:
 *
 * - An array of objects is one table, one row per element.
 * - A map of at least two objects of similar shape, such as
 *   `"backends": {"eager": {...}, "jit": {...}}`, is one table with one row per key.
 *   The key goes into a first column named by the singular of the map's key
 *   (`backend`), unless every record already has that field with the same value.
 *   At the root, which has no key, the column is named `key`.
 * - Nested plain objects are flattened into dotted columns of the same row
 *   (`compilation.success`, `benchmark.mean_time_ms`), so a failure flag stays next
 *   to the numbers that it invalidates.
 * - An array of numbers is a table of samples, one row per element. Its column is
 *   named by the `metric` field of the object that contains the array, else by the
 *   array's key, and its unit comes from that object's `unit` field. Arrays of equal
 *   length in one object are zipped into one table.
 * - Arrays of objects and maps of records inside an object become their own tables.
 * - Tables found inside an object inherit its identifying string fields as
 *   `context`, such as `{ series: 'chat' }`. Free text (`note`, `error`) and time
 *   stamps are not identifying.
 * - The remaining scalar fields of an object, the root included, form a one-row table.
 * - Arrays of strings or of mixed values, and empty arrays and objects, are left out.
 *
 * Locations are dotted paths from the root (''), with `[i]` for an array element:
 * `backends`, `results[2].gpu`, `samples`. A row's line is where its object
 * starts, and a sample's line is where its array element is written.
 */
import type { CellValue, ParsedTable, TableRow } from './types.js'
import { isPlainObject, type JsonLines, type JsonObject, type JsonValue } from './json-parse.js'

export interface JsonTables {
  tables: ParsedTable[]
  /** True when some cell is a number or text that starts with one, such as `"12.5 ms"`. */
  hasValues: boolean
}

/** Builds the tables of one document. */
export function jsonTables(path: string, value: JsonValue, lines: JsonLines): JsonTables {
  const builder = new TableBuilder(path, lines)
  builder.root(value)
  return { tables: builder.tables, hasValues: builder.hasValues }
}

/** Text that starts like a number; the analyze stage decides whether it is one. */
const NUMBER_START = /^\s*[+-]?\.?\d/

function isValueCell(cell: CellValue): boolean {
  return typeof cell === 'number' || (typeof cell === 'string' && NUMBER_START.test(cell))
}

/** Column name of the key column of a map of records at the root, which has no parent key to name it. */
const ROOT_KEY_COLUMN = 'key'

interface SampleArray {
  /** Dotted path from the object being split. */
  name: string
  key: string
  values: JsonValue[]
}

/** An object that contains arrays of numbers, with its own dotted path. */
interface SampleHolder {
  object: JsonObject
  prefix: string
  arrays: SampleArray[]
}

interface NestedTable {
  name: string
  key: string
  kind: 'records' | 'map'
  value: JsonValue[] | JsonObject
}

/** An object split into the cells of its row and the tables found inside it. */
interface Parts {
  cells: Map<string, CellValue>
  holders: SampleHolder[]
  nested: NestedTable[]
}

interface RecordEntry {
  object: JsonObject
  /** Map key, for records of a map. */
  key?: string
  line: number
}

class TableBuilder {
  readonly tables: ParsedTable[] = []
  hasValues = false

  constructor(
    private readonly path: string,
    private readonly lines: JsonLines
  ) {}

  root(value: JsonValue): void {
    if (isPlainObject(value)) {
      if (isRecordMap(value)) this.records(mapEntries(value, this.lines), '', {}, ROOT_KEY_COLUMN)
      else this.object(value, '', {})
    } else if (Array.isArray(value)) {
      const kind = classifyArray(value)
      if (kind === 'records') this.records(arrayEntries(value, this.lines), '', {}, null)
      if (kind === 'numbers') {
        this.samples({ object: {}, prefix: '', arrays: [{ name: '', key: 'value', values: value }] }, '', {})
      }
    }
  }

  /** Adds the tables of an object outside any array or map, whose scalars form one row. */
  private object(object: JsonObject, location: string, context: Record<string, string>): void {
    const parts = splitObject(object)
    if (parts.cells.size > 0) {
      const line = this.lines.lineOf(object) ?? 1
      this.push(location, [...parts.cells.keys()], [{ line, cells: [...parts.cells.values()] }], context)
    }
    this.children(parts, location, { ...context, ...identity(object) })
  }

  /** Adds the table of the records of an array or a map, one row each, and their nested tables. */
  private records(entries: RecordEntry[], location: string, context: Record<string, string>, keyName: string | null): void {
    const keyColumn = keyName === null ? null : chooseKeyColumn(entries, keyName)
    const columns = new Map<string, number>()
    if (keyColumn !== null) columns.set(keyColumn, 0)
    const split = entries.map(entry => {
      const parts = splitObject(entry.object)
      for (const name of parts.cells.keys()) if (!columns.has(name)) columns.set(name, columns.size)
      return parts
    })

    const rows: TableRow[] = []
    entries.forEach((entry, index) => {
      const cells: CellValue[] = new Array<CellValue>(columns.size).fill(null)
      if (keyColumn !== null) cells[0] = entry.key ?? null
      for (const [name, value] of split[index].cells) cells[columns.get(name) as number] = value
      rows.push({ line: entry.line, cells })
    })
    if (columns.size > 0 && rows.length > 0) this.push(location, [...columns.keys()], rows, context)

    entries.forEach((entry, index) => {
      const entryLocation = entry.key === undefined ? `${location}[${index}]` : join(location, entry.key)
      const entryContext = { ...context, ...identity(entry.object) }
      if (entry.key !== undefined && keyName !== null) entryContext[keyColumn ?? keyName] = entry.key
      this.children(split[index], entryLocation, entryContext)
    })
  }

  private children(parts: Parts, location: string, context: Record<string, string>): void {
    for (const holder of parts.holders) this.samples(holder, location, context)
    for (const nested of parts.nested) {
      const nestedLocation = join(location, nested.name)
      if (nested.kind === 'records') {
        this.records(arrayEntries(nested.value as JsonValue[], this.lines), nestedLocation, context, null)
      } else {
        this.records(mapEntries(nested.value as JsonObject, this.lines), nestedLocation, context, singular(nested.key))
      }
    }
  }

  /** Adds the tables of samples of one object's arrays of numbers, one table per array length. */
  private samples(holder: SampleHolder, location: string, context: Record<string, string>): void {
    const metric = holder.object.metric
    const unit = typeof holder.object.unit === 'string' ? holder.object.unit : null
    const holderContext = { ...context, ...identity(holder.object) }

    const byLength = new Map<number, SampleArray[]>()
    for (const array of holder.arrays) {
      const group = byLength.get(array.values.length)
      if (group === undefined) byLength.set(array.values.length, [array])
      else group.push(array)
    }

    for (const [length, arrays] of byLength) {
      const columns = arrays.map(array => (holder.arrays.length === 1 && typeof metric === 'string' && metric !== '' ? metric : array.key))
      const rows: TableRow[] = []
      for (let index = 0; index < length; index++) {
        const cells = arrays.map(array => toCell(array.values[index]))
        rows.push({ line: this.lines.elementLine(arrays[0].values, index) ?? 1, cells })
      }
      const table = this.push(join(location, arrays[0].name), columns, rows, holderContext)
      table.units = columns.map(() => unit)
    }
  }

  private push(location: string, columns: string[], rows: TableRow[], context: Record<string, string>): ParsedTable {
    if (!this.hasValues) this.hasValues = rows.some(row => row.cells.some(isValueCell))
    const table: ParsedTable = {
      path: this.path,
      location,
      columns,
      units: columns.map(() => null),
      context,
      rows: iterate(rows)
    }
    this.tables.push(table)
    return table
  }
}

/**
 * Splits an object into flattened scalar cells, the arrays of numbers (with the
 * object that contains them) and the nested tables. The `metric` and `unit` fields
 * of an object with samples name and describe those samples, so they are not cells.
 */
export function splitObject(object: JsonObject): Parts {
  const parts: Parts = { cells: new Map(), holders: [], nested: [] }
  flatten(object, '', parts, 0)
  for (const holder of parts.holders) {
    if (holder.arrays.length === 1 && typeof holder.object.metric === 'string') parts.cells.delete(join(holder.prefix, 'metric'))
    if (typeof holder.object.unit === 'string') parts.cells.delete(join(holder.prefix, 'unit'))
  }
  return parts
}

/** Nesting deeper than this is left out of the flattened columns. */
const MAX_FLATTEN_DEPTH = 64

function flatten(object: JsonObject, prefix: string, parts: Parts, depth: number): void {
  let holder: SampleHolder | null = null
  for (const key of Object.keys(object)) {
    const value = object[key]
    const name = join(prefix, key)
    if (value === null || typeof value !== 'object') {
      parts.cells.set(name, value)
    } else if (Array.isArray(value)) {
      const kind = classifyArray(value)
      if (kind === 'numbers') {
        if (holder === null) {
          holder = { object, prefix, arrays: [] }
          parts.holders.push(holder)
        }
        holder.arrays.push({ name, key, values: value })
      } else if (kind === 'records') {
        parts.nested.push({ name, key, kind: 'records', value })
      }
    } else if (isRecordMap(value)) {
      parts.nested.push({ name, key, kind: 'map', value })
    } else if (depth < MAX_FLATTEN_DEPTH) {
      flatten(value, name, parts, depth + 1)
    }
  }
}

/** `numbers`: numbers and nulls with at least one number; `records`: objects and nulls with at least one object. */
export function classifyArray(array: readonly JsonValue[]): 'numbers' | 'records' | 'other' {
  let numbers = 0
  let objects = 0
  for (const element of array) {
    if (typeof element === 'number') numbers++
    else if (isPlainObject(element)) objects++
    else if (element !== null) return 'other'
  }
  if (numbers > 0 && objects === 0) return 'numbers'
  if (objects > 0 && numbers === 0) return 'records'
  return 'other'
}

/**
 * Tells whether an object is a map of records: at least two values, all non-empty
 * objects that share keys, each having at least half of its keys in common with
 * all the others. A single-entry object is flattened instead, because it is more
 * often a nested group (`"compilation": {"metadata": {...}}`) than a one-row map.
 */
export function isRecordMap(object: JsonObject): boolean {
  const values = Object.values(object)
  if (values.length < 2) return false
  let common: Set<string> | null = null
  for (const value of values) {
    if (!isPlainObject(value)) return false
    const keys = Object.keys(value)
    if (keys.length === 0) return false
    common = common === null ? new Set(keys) : new Set(keys.filter(key => (common as Set<string>).has(key)))
  }
  if (common === null || common.size === 0) return false
  const shared = common.size
  return values.every(value => shared * 2 >= Object.keys(value as JsonObject).length)
}

/**
 * Names the key column of a map of records: the singular of the map's key, or
 * null when every record already has that field with its own key as the value.
 * When some record has the field with another value, the key column is
 * `<name>_key` so neither value is lost.
 */
function chooseKeyColumn(entries: RecordEntry[], name: string): string | null {
  let same = 0
  let conflict = false
  for (const entry of entries) {
    const field = entry.object[name]
    if (field === entry.key) same++
    else if (field !== undefined) conflict = true
  }
  if (same === entries.length) return null
  return conflict ? `${name}_key` : name
}

function arrayEntries(array: readonly JsonValue[], lines: JsonLines): RecordEntry[] {
  const entries: RecordEntry[] = []
  for (const element of array) {
    if (isPlainObject(element)) entries.push({ object: element, line: lines.lineOf(element) ?? lines.lineOf(array) ?? 1 })
  }
  return entries
}

function mapEntries(map: JsonObject, lines: JsonLines): RecordEntry[] {
  return Object.entries(map).map(([key, value]) => ({
    object: value as JsonObject,
    key,
    line: lines.lineOf(value as JsonObject) ?? lines.lineOf(map) ?? 1
  }))
}

/** Returns the string fields of an object that identify what it measured, for the context of nested tables. */
export function identity(object: JsonObject): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const [key, value] of Object.entries(object)) {
    if (typeof value === 'string' && key !== 'metric' && key !== 'unit' && isIdentifying(key, value)) fields[key] = value
  }
  return fields
}

const FREE_TEXT_KEY = /(^|[_.\- ])(notes?|description|desc|comments?|messages?|msg|errors?|exception|traceback|text|response|output|log|stderr|stdout|reason|details?|hint|summary|host|url|uri|path|file|filename|dir|directory|command|cmd)$/i
const TIME_KEY = /((^|[_.\- ])(time|timestamp|date|datetime|generated|created|updated|started|finished|ended)|_at)$/i
const TIME_VALUE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}|$)/

/** Tells whether a field is a short, single-line string that is not free text, a location or a time stamp. */
export function isIdentifying(key: string, value: string): boolean {
  if (value === '' || value.length > 120 || value.includes('\n')) return false
  return !FREE_TEXT_KEY.test(key) && !TIME_KEY.test(key) && !TIME_VALUE.test(value)
}

/** Singular of an English plural key, for naming a key column: `backends` → `backend`. */
export function singular(word: string): string {
  if (/(ss|us|is|series|species)$/i.test(word)) return word
  if (/[^aeiou]ies$/i.test(word)) return `${word.slice(0, -3)}y`
  if (/(sses|xes|zes|shes|ches)$/i.test(word)) return word.slice(0, -2)
  if (/s$/i.test(word)) return word.slice(0, -1)
  return word
}

function toCell(value: JsonValue | undefined): CellValue {
  return typeof value === 'number' ? value : null
}

function join(location: string, name: string): string {
  if (name === '') return location
  return location === '' ? name : `${location}.${name}`
}

/** Wraps rows already in memory in the streamed `rows` interface. */
export function iterate(rows: readonly TableRow[]): AsyncIterable<TableRow> {
  return {
    async *[Symbol.asyncIterator]() {
      yield* rows
    }
  }
}
