/**
 * Reads a `.json` artifact: parses the whole document (see `json-parse.ts` for the
 * tolerance of Python's NaN and Infinity) and maps it to tables as `json-tables.ts`
 * describes.
 */
import { readFile } from 'node:fs/promises'
import { invalidUtf8Line } from './content.js'
import { ArtifactParseError } from './errors.js'
import { JsonSyntaxError, parseJson, type JsonDocument } from './json-parse.js'
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
  yield* jsonTables(file.path, document.value, document.lines)
}

/** Reads a whole file as UTF-8 without its byte order mark, warning at the first invalid byte. */
export async function readText(file: ArtifactFile, onWarning: (warning: ParseWarning) => void): Promise<string> {
  let bytes: Buffer
  try {
    bytes = await readFile(file.realPath)
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
