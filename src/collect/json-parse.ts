/**
 * Parses JSON with the line where each object and array starts. Strict JSON goes
 * through `JSON.parse`, and a second pass over the text finds the lines. Text that
 * `JSON.parse` rejects is parsed again by a parser that also accepts the bare
 * `NaN`, `Infinity` and `-Infinity` that Python's `json.dump` writes by default.
 * They become the JS numbers NaN and ±Infinity. The parser reads them as tokens,
 * so text inside strings is never changed.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject
export interface JsonObject {
  [key: string]: JsonValue
}

/** Lines of the objects and arrays of a parsed document. */
export class JsonLines {
  private readonly containers = new WeakMap<object, number>()
  private readonly elements = new WeakMap<object, number[]>()

  /** 1-based line where an object or array starts. */
  lineOf(container: object): number | undefined {
    return this.containers.get(container)
  }

  /** 1-based line where element `index` of an array starts. */
  elementLine(array: readonly unknown[], index: number): number | undefined {
    return this.elements.get(array)?.[index] ?? this.containers.get(array)
  }

  setContainer(container: object, line: number): void {
    this.containers.set(container, line)
  }

  setElements(array: object, lines: number[]): void {
    this.elements.set(array, lines)
  }
}

export interface JsonDocument {
  value: JsonValue
  lines: JsonLines
  /** True when the text held Python's NaN or Infinity and needed the tolerant parser. */
  tolerant: boolean
}

/** A JSON syntax error with its 1-based line and column. */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number
  ) {
    super(message)
    this.name = 'JsonSyntaxError'
  }
}

/** Deepest nesting read; deeper documents are rejected instead of overflowing the stack. */
const MAX_DEPTH = 512

/**
 * Parses `text` (without a byte order mark). Throws `JsonSyntaxError` on invalid JSON.
 * With `locate` false, the lines of strict JSON are not looked up, which saves a
 * pass when the caller knows the line anyway (JSON Lines).
 */
export function parseJson(text: string, options: { firstLine?: number; locate?: boolean } = {}): JsonDocument {
  const firstLine = options.firstLine ?? 1
  let value: JsonValue
  try {
    value = JSON.parse(text) as JsonValue
  } catch {
    const scanner = new Scanner(text, firstLine, true)
    const parsed = scanner.parseDocument(undefined)
    return { value: parsed, lines: scanner.lines, tolerant: true }
  }
  const scanner = new Scanner(text, firstLine, false)
  if (options.locate !== false) scanner.parseDocument(value)
  return { value, lines: scanner.lines, tolerant: false }
}

const NOT_BUILT = Symbol('not built')

/**
 * A recursive-descent JSON reader with two modes. In `build` mode it creates the
 * values (the tolerant parser). Otherwise it walks text that `JSON.parse` already
 * accepted next to the parsed value, only to record where each object and array
 * starts. It follows keys by name, so duplicate keys and the engine's ordering of
 * integer-like keys cannot attach a line to the wrong object.
 */
class Scanner {
  readonly lines = new JsonLines()
  private position = 0
  private line: number
  private lineStart = 0
  /** Offset of the next line feed at or after the position, cached so that finding it stays linear. */
  private nextNewline = -1

  constructor(
    private readonly text: string,
    firstLine: number,
    private readonly build: boolean
  ) {
    this.line = firstLine
  }

  parseDocument(target: unknown): JsonValue {
    this.skipWhitespace()
    const value = this.parseValue(target, 0)
    this.skipWhitespace()
    if (this.position < this.text.length) this.fail('Unexpected text after the JSON value')
    return value as JsonValue
  }

  /** Returns the value in build mode; otherwise walks `target` and returns NOT_BUILT. */
  private parseValue(target: unknown, depth: number): JsonValue | typeof NOT_BUILT {
    if (depth > MAX_DEPTH) this.fail(`JSON nested deeper than ${MAX_DEPTH} levels`)
    const char = this.text.charCodeAt(this.position)
    if (char === 0x7b) return this.parseObject(target, depth)
    if (char === 0x5b) return this.parseArray(target, depth)
    if (char === 0x22) {
      const end = this.stringEnd()
      const value = this.build ? this.decodeString(end) : NOT_BUILT
      this.position = end + 1
      return value
    }
    return this.parseLiteral()
  }

  private parseObject(target: unknown, depth: number): JsonValue | typeof NOT_BUILT {
    const object: JsonObject | null = this.build ? {} : isPlainObject(target) ? target : null
    if (object !== null) this.lines.setContainer(object, this.line)
    this.position++
    this.skipWhitespace()
    if (this.text.charCodeAt(this.position) === 0x7d) {
      this.position++
      return object ?? NOT_BUILT
    }
    for (;;) {
      if (this.text.charCodeAt(this.position) !== 0x22) this.fail('Expected a property name in double quotes')
      const keyEnd = this.stringEnd()
      const key = this.decodeString(keyEnd)
      this.position = keyEnd + 1
      this.skipWhitespace()
      if (this.text.charCodeAt(this.position) !== 0x3a) this.fail(`Expected ':' after property name '${key}'`)
      this.position++
      this.skipWhitespace()
      const child = !this.build && object !== null && Object.hasOwn(object, key) ? object[key] : undefined
      const value = this.parseValue(child, depth + 1)
      if (this.build && object !== null && value !== NOT_BUILT) {
        // defineProperty keeps a key named __proto__ an ordinary property, as JSON.parse does.
        Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true })
      }
      this.skipWhitespace()
      const next = this.text.charCodeAt(this.position)
      this.position++
      if (next === 0x7d) return object ?? NOT_BUILT
      if (next !== 0x2c) this.fail("Expected ',' or '}' after a property value", -1)
      this.skipWhitespace()
    }
  }

  private parseArray(target: unknown, depth: number): JsonValue | typeof NOT_BUILT {
    const array: JsonValue[] | null = this.build ? [] : Array.isArray(target) ? (target as JsonValue[]) : null
    if (array !== null) this.lines.setContainer(array, this.line)
    const elementLines: number[] = []
    let hasScalars = false
    this.position++
    this.skipWhitespace()
    if (this.text.charCodeAt(this.position) === 0x5d) {
      this.position++
      return array ?? NOT_BUILT
    }
    for (let index = 0; ; index++) {
      elementLines.push(this.line)
      const value = this.parseValue(array === null || this.build ? undefined : array[index], depth + 1)
      if (this.build && array !== null && value !== NOT_BUILT) array.push(value)
      if (!this.build && array !== null && (array[index] === null || typeof array[index] !== 'object')) hasScalars = true
      if (this.build && (value === null || typeof value !== 'object')) hasScalars = true
      this.skipWhitespace()
      const next = this.text.charCodeAt(this.position)
      this.position++
      if (next === 0x5d) break
      if (next !== 0x2c) this.fail("Expected ',' or ']' after an array element", -1)
      this.skipWhitespace()
    }
    // Objects and arrays carry their own line; element lines are kept only for arrays of scalars, such as samples.
    if (array !== null && hasScalars) this.lines.setElements(array, elementLines)
    return array ?? NOT_BUILT
  }

  /** Reads a number, true, false, null, NaN, Infinity or -Infinity. */
  private parseLiteral(): JsonValue | typeof NOT_BUILT {
    const text = this.text
    const start = this.position
    const char = text.charCodeAt(start)
    const isNumber = (char >= 0x30 && char <= 0x39) || (char === 0x2d && text.charCodeAt(start + 1) !== 0x49)
    if (!isNumber) {
      for (const [word, value] of LITERALS) {
        if (text.startsWith(word, start)) {
          this.position += word.length
          return this.build ? value : NOT_BUILT
        }
      }
    }
    NUMBER.lastIndex = start
    const match = isNumber ? NUMBER.exec(text) : null
    if (match === null) {
      const found = start < text.length ? `'${text[start]}'` : 'the end of the text'
      this.fail(`Unexpected ${found}; expected a JSON value`)
    }
    this.position += match[0].length
    return this.build ? Number(match[0]) : NOT_BUILT
  }

  /** Offset of the quote that closes the string starting at the current position. */
  private stringEnd(): number {
    const text = this.text
    let index = this.position + 1
    for (;;) {
      const quote = text.indexOf('"', index)
      if (quote === -1) this.fail('Unterminated string')
      let backslashes = 0
      for (let back = quote - 1; text.charCodeAt(back) === 0x5c; back--) backslashes++
      if (backslashes % 2 === 0) {
        // Text that JSON.parse accepted has no raw line break in a string; only the tolerant parser checks.
        if (this.build) {
          if (this.nextNewline < this.position) this.nextNewline = indexOrEnd(text, '\n', this.position)
          if (this.nextNewline < quote) {
            this.position = this.nextNewline
            this.fail('Line break inside a string')
          }
        }
        return quote
      }
      index = quote + 1
    }
  }

  private decodeString(end: number): string {
    const raw = this.text.slice(this.position + 1, end)
    if (!raw.includes('\\')) return raw
    try {
      return JSON.parse(`"${raw}"`) as string
    } catch {
      return this.fail('Invalid escape sequence in a string')
    }
  }

  private skipWhitespace(): void {
    const text = this.text
    for (;;) {
      const char = text.charCodeAt(this.position)
      if (char === 0x0a) {
        this.line++
        this.lineStart = this.position + 1
      } else if (char !== 0x20 && char !== 0x09 && char !== 0x0d) {
        return
      }
      this.position++
    }
  }

  /** Throws a syntax error at the current position, or `offset` characters from it. */
  private fail(message: string, offset = 0): never {
    const position = Math.max(this.lineStart, this.position + offset)
    throw new JsonSyntaxError(`${message} (line ${this.line}, column ${position - this.lineStart + 1})`, this.line, position - this.lineStart + 1)
  }
}

const LITERALS: [string, JsonValue][] = [
  ['true', true],
  ['false', false],
  ['null', null],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['-Infinity', Number.NEGATIVE_INFINITY]
]

function indexOrEnd(text: string, search: string, from: number): number {
  const index = text.indexOf(search, from)
  return index === -1 ? text.length : index
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
