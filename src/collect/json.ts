/**
 * Reads a `.json` artifact: parses the whole document (see `json-parse.ts` for the
 * tolerance of Python's NaN and Infinity) and maps it to tables as `json-tables.ts`
 * describes.
 */
import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { invalidUtf8Line } from './content.js'
import { ArtifactParseError } from './errors.js'
import { JsonSyntaxError, parseJson, type JsonDocument, type JsonValue } from './json-parse.js'
import { jsonTables } from './json-tables.js'
import type { ArtifactFile, ParsedTable, ParseWarning } from './types.js'

export async function* readJson(file: ArtifactFile, onWarning: (warning: ParseWarning) => void): AsyncGenerator<ParsedTable> {
  const text = await readText(file, onWarning)
  if (text.trim() === '') {
    onWarning({ path: file.path, message: 'Empty file: no JSON value.' })
    return
  }

  let document: JsonDocument
  try {
    document = parseJson(text)
  } catch (error) {
    if (error instanceof JsonSyntaxError) throw new ArtifactParseError(file.path, `Invalid JSON: ${error.message}.`, error.line)
    throw error
  }
  const { tables, hasValues } = jsonTables(file.path, document.value, document.lines)
  if (!hasValues) onWarning({ path: file.path, line: 1, message: `No table of values found: ${describeEmptyDocument(document.value)}.` })
  yield* tables
}

const SCALAR_KINDS: Record<string, string> = { string: 'a string', number: 'a number', boolean: 'a boolean' }

/** Describes why a valid document gives no table with a number in it. */
function describeEmptyDocument(value: JsonValue): string {
  if (value === null) return 'the JSON root is null, not an object or an array of records'
  if (typeof value !== 'object') return `the JSON root is ${SCALAR_KINDS[typeof value]}, not an object or an array of records`
  return 'the document has no numeric field and no array of numbers'
}

/**
 * Files up to this size are read synchronously: for a small file a round trip through
 * libuv's thread pool costs several times the read, while a larger file is read in the
 * background so that other files' streams go on.
 */
const SYNC_READ_MAX_BYTES = 1024 * 1024

/** Reads a whole file as UTF-8 without its byte order mark, warning at the first invalid byte. */
export async function readText(file: ArtifactFile, onWarning: (warning: ParseWarning) => void): Promise<string> {
  let bytes: Buffer
  try {
    bytes = file.size <= SYNC_READ_MAX_BYTES ? readFileSync(file.realPath) : await readFile(file.realPath)
  } catch (error) {
    const code = (error as { code?: unknown }).code
    throw new ArtifactParseError(file.path, `The file cannot be read: ${typeof code === 'string' ? code : String(error)}.`)
  }
  const invalidLine = invalidUtf8Line(bytes)
  if (invalidLine !== null) {
    onWarning({ path: file.path, line: invalidLine, message: 'Invalid UTF-8 from this line on; the bytes that are not UTF-8 were replaced with U+FFFD.' })
  }
  // TextDecoder drops a leading UTF-8 byte order mark.
  return new TextDecoder('utf-8').decode(bytes)
}
