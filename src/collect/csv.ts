/**
 * Reads CSV and TSV files as one streamed table. Cells stay the raw strings of the
 * file: numbers are parsed later, and only in metric columns, so an identifier such
 * as `1234e56` is never turned into a number.
 */
import { createReadStream, readFileSync, type ReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { parse, type CsvError, type InfoRecord, type Options, type Parser } from 'csv-parse'
import { parse as parseAll } from 'csv-parse/sync'
import { Utf8Checker } from './content.js'
import { ArtifactParseError } from './errors.js'
import { readUnitsRow } from './units.js'
import type { ArtifactFile, CellValue, ParsedTable, ParseWarning, TableRow } from './types.js'

/** Delimiters recognised in a `.csv` header, in the order that breaks ties. */
const DELIMITERS = [',', ';', '\t', '|'] as const

/** Max bytes read ahead to find the end of the header line. A longer header's delimiter is detected from this prefix. */
const HEADER_SCAN_BYTES = 4 * 1024 * 1024

/** Rows of the wrong width reported one by one per file; further ones are counted in one warning. */
const MAX_WIDTH_WARNINGS = 20

/**
 * Files up to this size are read with one synchronous read and parsed in one call.
 * In CPU profiles of 10,000 CSV files of 10 rows (Node.js 24), the asynchronous open,
 * read and close through libuv's thread pool and the stream cost several times the
 * parsing. The limit equals the stream's chunk size, so the parser gets the same
 * bytes in one piece either way.
 */
const WHOLE_READ_MAX_BYTES = 64 * 1024

/**
 * Reads a delimited file into one table. `delimiter` is fixed for `.tsv`; for `.csv`
 * it is found in the header line.
 */
export async function* readDelimited(file: ArtifactFile, onWarning: (warning: ParseWarning) => void, delimiter?: string): AsyncGenerator<ParsedTable> {
  const utf8 = new Utf8Checker(line => {
    onWarning({ path: file.path, line, message: 'Invalid UTF-8 from this line on; the bytes that are not UTF-8 were replaced with U+FFFD.' })
  })
  let records: RecordSource
  let source: ReadStream | null = null
  if (file.size <= WHOLE_READ_MAX_BYTES) {
    let bytes: Buffer
    try {
      bytes = readFileSync(file.realPath)
    } catch (error) {
      throw toParseError(file.path, error)
    }
    utf8.push(bytes)
    utf8.end()
    const options = parserOptions(delimiter ?? detectDelimiter(bytes))
    // Without a carriage return the line feed is the only line ending, and one
    // delimiter is checked faster than two.
    options.record_delimiter = bytes.includes(0x0d) ? recordDelimiters(bytes) : '\n'
    records = new ParsedRecords(bytes, options, file.path)
  } else {
    let head: Buffer
    try {
      head = await readHead(file.realPath)
    } catch (error) {
      throw toParseError(file.path, error)
    }
    const reader = new RecordReader({ ...parserOptions(delimiter ?? detectDelimiter(head)), record_delimiter: recordDelimiters(head) }, file.path)
    source = createReadStream(file.realPath, { highWaterMark: 64 * 1024 })
    source.on('data', chunk => utf8.push(chunk as Buffer))
    source.on('end', () => utf8.end())
    source.on('error', error => reader.parser.destroy(error))
    source.pipe(reader.parser)
    records = reader
  }

  let handedOver = false
  try {
    const header = await records.next()
    if (header === null) {
      onWarning({ path: file.path, message: 'Empty file: no header row.' })
      return
    }
    const columns = readHeader(header.cells, file.path, header.line, onWarning)
    if (columns.length === 0) {
      onWarning({ path: file.path, line: header.line, message: 'The header row has no column names.' })
      return
    }

    let units: (string | null)[] = columns.map(() => null)
    let pending = await records.next()
    const unitsRow = pending === null ? null : readUnitsRow(pending.cells as string[])
    if (unitsRow !== null) {
      units = columns.map((_, index) => unitsRow[index] ?? null)
      pending = null
    }

    const rows = new CsvRows(records, pending, columns.length, file.path, onWarning)
    handedOver = true
    yield { path: file.path, location: '', columns, units, context: {}, rows, eachRow: onRow => rows.eachRow(onRow) }
  } finally {
    // Ends the stream when the rows were not read to the end.
    if (!handedOver || !records.done) records.close()
    source?.destroy()
  }
}

/** csv-parse's options for a file with this delimiter. */
function parserOptions(delimiter: string): Options {
  return {
    delimiter,
    bom: true,
    // Widths are checked here so that one bad row is skipped instead of stopping the file.
    relax_column_count: true,
    // A quote inside an unquoted field, as in `5" screen`, is kept as text.
    relax_quotes: true,
    skip_empty_lines: true
  }
}

/**
 * Record delimiters from the first line ending of `start`, the start of a file: CRLF
 * and LF both end a record, because editors and tools that append rows mix them,
 * and csv-parse's own detection keeps the first ending it meets, so a CRLF header
 * with LF rows would read as one record. A file whose first line ends with CR alone
 * keeps that detection, which finds CR.
 */
function recordDelimiters(start: Buffer): string[] | undefined {
  const cr = start.indexOf(0x0d)
  const lf = start.indexOf(0x0a)
  const crAlone = cr !== -1 && (lf === -1 || cr < lf) && start[cr + 1] !== 0x0a
  return crAlone ? undefined : ['\r\n', '\n']
}

/** Receives each row of a table, as `ParsedTable.eachRow` passes it. */
type RowConsumer = (cells: CellValue[], line: number) => void

/**
 * Rows collected for the consumer before they are passed on together (see
 * `RecordReader.take`). Few, so that few rows outlive a young-generation collection.
 */
const CONSUMER_BATCH = 64

/** The records of one file, as `CsvRows` reads them: parsed from a stream, or all at once. */
interface RecordSource {
  /** True once the records were read to the end, or closed. */
  readonly done: boolean
  /** The next record as a row, or null after the last. A promise only while the parser has none ready. */
  next(): TableRow | null | Promise<TableRow | null>
  /** Lets the source pass records to `consumer` itself. Records it does not pass still come from `next()`. */
  consumeDirectly(consumer: RowConsumer): void
  /** Passes the records the source holds for the consumer to it. */
  flush(): void
  close(): void
}

/**
 * The records of a small file, parsed in one call. A parse error is thrown by `next()`
 * after the records before it, as the streamed reader does.
 */
class ParsedRecords implements RecordSource {
  done = false
  private readonly rows: TableRow[] = []
  private index = 0
  private failure: Error | null = null

  constructor(bytes: Buffer, options: Options, path: string) {
    const lines = new LineCounter()
    const onRecord: Options<TableRow, string[]>['on_record'] = (record, info) => {
      this.rows.push({ line: lines.startOf(record, info), cells: record })
      return null
    }
    try {
      parseAll(bytes, { ...options, on_record: onRecord } as Options)
    } catch (error) {
      this.failure = toParseError(path, error, lines.nextLine)
    }
  }

  next(): TableRow | null {
    if (this.index < this.rows.length) return this.rows[this.index++]
    this.done = true
    if (this.failure !== null) throw this.failure
    return null
  }

  consumeDirectly(): void {}

  flush(): void {}

  close(): void {
    this.done = true
    this.index = this.rows.length
    this.failure = null
  }
}

/**
 * Reads records from the parser, without a promise while records are buffered: the
 * per-row cost stays close to that of csv-parse itself. csv-parse's `on_record` hook
 * numbers each record's lines. Once a consumer is set, a record parsed while no
 * earlier one is waiting in the stream goes to it instead of through the stream,
 * which saves the stream's work per record.
 */
class RecordReader implements RecordSource {
  readonly parser: Parser
  done = false
  private failure: unknown = null
  /** An error thrown by the consumer, passed on unchanged instead of as a CSV error. */
  private consumerFailure: unknown = null
  private ended = false
  private wake: (() => void) | null = null
  private consumer: RowConsumer | null = null
  /** Rows taken for the consumer and not passed to it yet, in file order. */
  private batchCells: string[][] = []
  private batchLines: number[] = []
  private readonly lines = new LineCounter()

  constructor(
    options: Options,
    private readonly path: string
  ) {
    // The hook's rows, not csv-parse's arrays, are what the stream yields.
    const onRecord: Options<TableRow, string[]>['on_record'] = (record, info) => this.take(record, info)
    this.parser = parse({ ...options, on_record: onRecord } as Options)
    const parser = this.parser
    const notify = (): void => {
      const wake = this.wake
      this.wake = null
      wake?.()
    }
    parser.on('readable', notify)
    const end = (): void => {
      this.ended = true
      notify()
    }
    parser.on('end', end)
    // A destroyed parser emits 'close' without 'end'; rows read after that are simply done.
    parser.on('close', end)
    parser.on('error', error => {
      this.failure = error
      notify()
    })
  }

  /** Returns the next record as a row, and a promise only when the parser has none buffered. */
  next(): TableRow | Promise<TableRow | null> {
    const row = this.parser.read() as TableRow | null
    if (row !== null) return row
    return this.wait()
  }

  /**
   * Passes the records parsed from now on to `consumer`, in batches. Records already
   * in the stream, and any parsed while some are, still come from `next()` first, so
   * the order holds. Call `flush` once `next()` returned null.
   */
  consumeDirectly(consumer: RowConsumer): void {
    this.consumer = consumer
  }

  /** Passes the rows taken so far to the consumer. */
  flush(): void {
    const consumer = this.consumer
    if (consumer === null || this.batchCells.length === 0) return
    const cells = this.batchCells
    const lines = this.batchLines
    this.batchCells = []
    this.batchLines = []
    try {
      for (let i = 0; i < cells.length; i++) consumer(cells[i], lines[i])
    } catch (error) {
      // When this runs inside `take`, csv-parse catches the error and stops, and `wait` passes it on unchanged.
      this.consumerFailure = error
      throw error
    }
  }

  close(): void {
    this.done = true
    this.ended = true
    this.parser.destroy()
  }

  /**
   * Numbers a record's lines, as csv-parse's record hook. Returns the row for the
   * stream to queue, or null once the row is taken for the consumer.
   * Rows go to the consumer in batches: in CPU profiles (Node.js 24, csv-parse 7.0.3)
   * one consumer call per record made parsing about 10 % slower.
   */
  private take(record: string[], info: InfoRecord): TableRow | null {
    const line = this.lines.startOf(record, info)
    if (this.consumer === null || this.parser.readableLength > 0) return { line, cells: record }
    this.batchCells.push(record)
    this.batchLines.push(line)
    if (this.batchCells.length === CONSUMER_BATCH) this.flush()
    return null
  }

  private async wait(): Promise<TableRow | null> {
    for (;;) {
      if (this.failure !== null) {
        this.done = true
        if (this.failure === this.consumerFailure) throw this.failure
        throw toParseError(this.path, this.failure, this.lines.nextLine)
      }
      const row = this.parser.read() as TableRow | null
      if (row !== null) return row
      if (this.ended) {
        this.done = true
        return null
      }
      await new Promise<void>(resolve => {
        this.wake = resolve
      })
    }
  }
}

/** The rows of one delimited file, checked against the header's width. */
class CsvRows implements AsyncIterableIterator<TableRow> {
  private wrongWidth = 0
  private finished = false

  constructor(
    private readonly records: RecordSource,
    private first: TableRow | null,
    private readonly width: number,
    private readonly path: string,
    private readonly onWarning: (warning: ParseWarning) => void
  ) {}

  [Symbol.asyncIterator](): AsyncIterableIterator<TableRow> {
    return this
  }

  next(): Promise<IteratorResult<TableRow>> {
    try {
      if (this.first !== null) {
        const first = this.first
        this.first = null
        if (this.accept(first.cells, first.line)) return Promise.resolve({ value: first, done: false })
      }
      for (;;) {
        if (this.finished) return Promise.resolve({ value: undefined, done: true })
        const next = this.records.next()
        if (next instanceof Promise) return next.then(row => this.afterWait(row))
        if (next === null) return Promise.resolve(this.afterWait(null))
        if (this.accept(next.cells, next.line)) return Promise.resolve({ value: next, done: false })
      }
    } catch (error) {
      return Promise.reject(error)
    }
  }

  return(): Promise<IteratorResult<TableRow>> {
    this.finished = true
    this.records.close()
    return Promise.resolve({ value: undefined, done: true })
  }

  /** Passes every remaining row of the header's width to `onRow`, in file order (see `ParsedTable.eachRow`). */
  async eachRow(onRow: RowConsumer): Promise<void> {
    const deliver = (cells: CellValue[], line: number): void => {
      if (this.accept(cells, line)) onRow(cells, line)
    }
    if (this.first !== null) {
      const first = this.first
      this.first = null
      deliver(first.cells, first.line)
    }
    this.records.consumeDirectly(deliver)
    while (!this.finished) {
      const next = this.records.next()
      // Rows already parsed are passed on without waiting for a microtask each.
      const row = next instanceof Promise ? await next : next
      if (row === null) break
      deliver(row.cells, row.line)
    }
    this.records.flush()
    this.finish()
  }

  private afterWait(row: TableRow | null): IteratorResult<TableRow> | Promise<IteratorResult<TableRow>> {
    if (row === null) {
      this.finish()
      return { value: undefined, done: true }
    }
    return this.accept(row.cells, row.line) ? { value: row, done: false } : this.next()
  }

  /** Keeps a row of the header's width; reports and drops any other. */
  private accept(cells: CellValue[], line: number): boolean {
    if (cells.length === this.width) return true
    if (cells.length > this.width && cells.slice(this.width).every(cell => cell === '')) {
      // Rows that end with the delimiter, like their header, have empty extra fields.
      cells.length = this.width
      return true
    }
    this.wrongWidth++
    if (this.wrongWidth <= MAX_WIDTH_WARNINGS) {
      this.onWarning({ path: this.path, line, message: `Row has ${cells.length} fields where the header has ${this.width}; the row was skipped.` })
    }
    return false
  }

  private finish(): void {
    if (this.finished) return
    this.finished = true
    if (this.wrongWidth > MAX_WIDTH_WARNINGS) {
      this.onWarning({ path: this.path, message: `${this.wrongWidth - MAX_WIDTH_WARNINGS} more rows had the wrong number of fields and were skipped.` })
    }
  }
}

/**
 * Finds the line where each record starts. csv-parse's `info.lines` is the line
 * where a record ends, and with CRLF endings it counts a line break inside a quoted
 * field twice (csv-parse 7.0.3), so start lines are counted here from the records.
 */
class LineCounter {
  private lastEnd = 0
  private lastInfoLines = 0
  private lastEmpty = 0

  /** First line that no record has reached yet. */
  get nextLine(): number {
    return this.lastEnd + 1
  }

  startOf(record: string[], info: InfoRecord): number {
    const empty = info.empty_lines - this.lastEmpty
    const start = this.lastEnd + 1 + empty
    const span = info.lines - this.lastInfoLines - empty
    this.lastEmpty = info.empty_lines
    this.lastInfoLines = info.lines
    // Only a record with a quoted line break spans more than one line; count its breaks.
    this.lastEnd = span <= 1 ? start : start + countLineBreaks(record)
    return start
  }
}

function countLineBreaks(cells: string[]): number {
  let breaks = 0
  for (const cell of cells) {
    if (cell.includes('\n') || cell.includes('\r')) breaks += cell.match(/\r\n|\r|\n/g)?.length ?? 0
  }
  return breaks
}

/** Trims the header names and drops empty names at the end, left by a trailing delimiter. */
function readHeader(cells: readonly unknown[], path: string, line: number, onWarning: (warning: ParseWarning) => void): string[] {
  const columns = cells.map(cell => String(cell).trim())
  while (columns.length > 0 && columns[columns.length - 1] === '') columns.pop()
  const seen = new Set<string>()
  for (const column of columns) {
    if (seen.has(column) && column !== '') {
      onWarning({ path, line, message: `Column name '${column}' appears more than once in the header.` })
    }
    seen.add(column)
  }
  return columns
}

/** Reads the start of the file up to the end of the header line, or at most `HEADER_SCAN_BYTES`. */
async function readHead(file: string): Promise<Buffer> {
  const handle = await open(file, 'r')
  try {
    const chunks: Buffer[] = []
    let length = 0
    let quoted = false
    while (length < HEADER_SCAN_BYTES) {
      const { bytesRead, buffer } = await handle.read(Buffer.alloc(64 * 1024), 0, 64 * 1024, length)
      if (bytesRead === 0) break
      const chunk = buffer.subarray(0, bytesRead)
      chunks.push(chunk)
      length += bytesRead
      const scan = findLineEnd(chunk, quoted)
      if (scan.end !== -1) break
      quoted = scan.quoted
    }
    return Buffer.concat(chunks, length)
  } finally {
    await handle.close()
  }
}

/** Offset of the first line break outside quotes (or -1), and whether the bytes end inside quotes. */
function findLineEnd(bytes: Buffer, quoted: boolean): { end: number; quoted: boolean } {
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index]
    if (byte === 0x22) quoted = !quoted
    else if (!quoted && (byte === 0x0a || byte === 0x0d)) return { end: index, quoted }
  }
  return { end: -1, quoted }
}

/**
 * Picks the delimiter that occurs most often in the header line outside quotes.
 * csv-parse's own detection also counts delimiters inside quoted fields. A header
 * without any of them is one column, read with a comma.
 */
export function detectDelimiter(bytes: Buffer): string {
  const counts = new Map<number, number>(DELIMITERS.map(delimiter => [delimiter.charCodeAt(0), 0]))
  let quoted = false
  for (const byte of bytes) {
    if (byte === 0x22) quoted = !quoted
    else if (!quoted && (byte === 0x0a || byte === 0x0d)) break
    else if (!quoted && counts.has(byte)) counts.set(byte, (counts.get(byte) ?? 0) + 1)
  }
  let best: string = DELIMITERS[0]
  let bestCount = 0
  for (const delimiter of DELIMITERS) {
    const count = counts.get(delimiter.charCodeAt(0)) ?? 0
    if (count > bestCount) {
      best = delimiter
      bestCount = count
    }
  }
  return best
}

function toParseError(path: string, error: unknown, line?: number): Error {
  if (error instanceof ArtifactParseError) return error
  const csvError = error as Partial<CsvError> & { code?: string }
  if (csvError.code === 'CSV_QUOTE_NOT_CLOSED') {
    return new ArtifactParseError(path, `A quoted field that starts on line ${line ?? '?'} or later is never closed.`, line)
  }
  if (typeof csvError.code === 'string' && csvError.code.startsWith('CSV_')) {
    const errorLine = typeof csvError.lines === 'number' ? csvError.lines : line
    return new ArtifactParseError(path, `Invalid CSV: ${csvError.message ?? csvError.code}`, errorLine)
  }
  const reason = typeof csvError.code === 'string' ? csvError.code : error instanceof Error ? error.message : String(error)
  return new ArtifactParseError(path, `The file cannot be read: ${reason}.`)
}
