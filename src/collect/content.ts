/**
 * Content guards: recognises binary and non-UTF-8 files from their first bytes,
 * and checks UTF-8 while a file is streamed.
 */
import { isUtf8 } from 'node:buffer'
import { closeSync, openSync, readSync } from 'node:fs'

/** Bytes read from the start of each file to recognise binary and non-UTF-8 content. */
export const SNIFF_BYTES = 64 * 1024

const BYTE_ORDER_MARKS: { bytes: number[]; name: string }[] = [
  // UTF-32 LE starts with the UTF-16 LE mark, so it is tested first.
  { bytes: [0xff, 0xfe, 0x00, 0x00], name: 'UTF-32 byte order mark' },
  { bytes: [0x00, 0x00, 0xfe, 0xff], name: 'UTF-32 byte order mark' },
  { bytes: [0xff, 0xfe], name: 'UTF-16 byte order mark' },
  { bytes: [0xfe, 0xff], name: 'UTF-16 byte order mark' }
]

const MANGLED_UTF16_LE = Buffer.from([0xc3, 0xbf, 0xc3, 0xbe])
const MANGLED_UTF16_BE = Buffer.from([0xc3, 0xbe, 0xc3, 0xbf])

/**
 * Reads the first bytes of a file and returns why it is not UTF-8 text, such as
 * "binary or non-UTF-8 content (UTF-16 byte order mark)", or null for text.
 * Synchronous, because discovery calls it once per file and for small files a
 * thread-pool round trip costs several times the read. Throws the file system error.
 */
export function sniffContent(path: string, size: number): string | null {
  const length = Math.min(size, SNIFF_BYTES)
  if (length === 0) return null
  const descriptor = openSync(path, 'r')
  let head: Buffer
  try {
    const buffer = Buffer.allocUnsafe(length)
    head = buffer.subarray(0, readSync(descriptor, buffer, 0, length, 0))
  } finally {
    closeSync(descriptor)
  }
  return describeNonText(head, head.length >= size)
}

/**
 * Returns why `head` is not UTF-8 text, or null. Unless `complete` (the bytes are
 * the whole file), a multi-byte character cut off at the end is allowed.
 */
export function describeNonText(head: Buffer, complete: boolean): string | null {
  for (const mark of BYTE_ORDER_MARKS) {
    if (mark.bytes.every((byte, index) => head[index] === byte)) {
      return `binary or non-UTF-8 content (${mark.name})`
    }
  }
  // The UTF-16 mark FF FE read as Latin-1 and written back as UTF-8 ("ÿþ"), as a re-encoding tool leaves it.
  for (const mangled of [MANGLED_UTF16_LE, MANGLED_UTF16_BE]) {
    if (head.subarray(0, 4).equals(mangled)) {
      const bytes = [...mangled].map(byte => byte.toString(16).toUpperCase()).join(' ')
      return `binary or non-UTF-8 content (starts with a UTF-16 byte order mark stored as UTF-8 bytes ${bytes}; convert the file to UTF-8)`
    }
  }
  const nul = head.indexOf(0)
  if (nul !== -1) {
    if (looksLikeUtf16(head)) return 'binary or non-UTF-8 content (UTF-16 text)'
    return `binary or non-UTF-8 content (NUL byte on line ${lineAt(head, nul)})`
  }
  const checked = complete ? head : head.subarray(0, completeLength(head))
  if (!isUtf8(checked)) {
    return `binary or non-UTF-8 content (invalid UTF-8 on line ${lineAt(head, firstInvalidUtf8(checked))})`
  }
  return null
}

/**
 * Checks the chunks of a stream for UTF-8 and reports the line of the first invalid
 * sequence once, so a file that passed `sniffContent` but contains another encoding
 * further on is not read as garbage without a word.
 */
export class Utf8Checker {
  private carry: Buffer = Buffer.alloc(0)
  private linesBefore = 0
  private valid = true

  constructor(private readonly onInvalid: (line: number) => void) {}

  push(chunk: Buffer): void {
    if (!this.valid) return
    const view = this.carry.length === 0 ? chunk : Buffer.concat([this.carry, chunk])
    const end = completeLength(view)
    const whole = view.subarray(0, end)
    if (isUtf8(whole)) {
      this.linesBefore += countLineFeeds(whole)
      this.carry = Buffer.from(view.subarray(end))
    } else {
      this.valid = false
      this.onInvalid(this.linesBefore + lineAt(whole, firstInvalidUtf8(whole)))
    }
  }

  /** Reports a multi-byte sequence cut off by the end of the file. */
  end(): void {
    if (this.valid && this.carry.length > 0) {
      this.valid = false
      this.onInvalid(this.linesBefore + 1)
    }
  }
}

/** ASCII text in UTF-16 has a NUL in every other byte: many at one parity, almost none at the other. */
function looksLikeUtf16(head: Buffer): boolean {
  const zeros = [0, 0]
  const length = Math.min(head.length, 1024)
  for (let index = 0; index < length; index++) if (head[index] === 0) zeros[index % 2]++
  if (length < 16) return false
  const pairs = length / 2
  const [many, few] = zeros[0] > zeros[1] ? zeros : [zeros[1], zeros[0]]
  return many >= pairs * 0.4 && few <= pairs * 0.05
}

/** 1-based line of the first byte that is not valid UTF-8, or null when all of `bytes` is valid. */
export function invalidUtf8Line(bytes: Buffer): number | null {
  return isUtf8(bytes) ? null : lineAt(bytes, firstInvalidUtf8(bytes))
}

/** Length of the longest prefix of `bytes` that does not end inside a multi-byte UTF-8 sequence. */
function completeLength(bytes: Buffer): number {
  // Walk back over at most three continuation bytes (10xxxxxx) to the lead byte.
  let start = bytes.length - 1
  let continuation = 0
  while (start >= 0 && continuation < 3 && (bytes[start] & 0xc0) === 0x80) {
    start--
    continuation++
  }
  if (start < 0 || bytes[start] < 0xc0) return bytes.length
  const lead = bytes[start]
  let needed = 2
  if (lead >= 0xf0) needed = 4
  else if (lead >= 0xe0) needed = 3
  return continuation + 1 < needed ? start : bytes.length
}

/** Offset of the first byte that does not belong to a valid UTF-8 sequence, or the length when all are valid. */
/** Length of the UTF-8 sequence that starts with `lead`, or 0 when no valid sequence starts with it. */
function utf8SequenceLength(lead: number): number {
  if (lead < 0x80) return 1
  if (lead >= 0xc2 && lead <= 0xdf) return 2
  if (lead >= 0xe0 && lead <= 0xef) return 3
  if (lead >= 0xf0 && lead <= 0xf4) return 4
  return 0
}

function firstInvalidUtf8(bytes: Buffer): number {
  let index = 0
  while (index < bytes.length) {
    const lead = bytes[index]
    const length = utf8SequenceLength(lead)
    if (length === 0 || index + length > bytes.length) return index
    if (length > 1 && !isUtf8(bytes.subarray(index, index + length))) return index
    index += length
  }
  return index
}

function countLineFeeds(bytes: Buffer): number {
  let count = 0
  for (let index = bytes.indexOf(10); index !== -1; index = bytes.indexOf(10, index + 1)) count++
  return count
}

/** 1-based line of the byte at `offset`. */
function lineAt(bytes: Buffer, offset: number): number {
  return countLineFeeds(bytes.subarray(0, offset)) + 1
}
