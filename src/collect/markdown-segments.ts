/**
 * Selects the parts of a Markdown text that the table parser has to see. Parsing
 * CommonMark with micromark costs far more than scanning lines, and most of a
 * long report is prose, lists and code without a table.
 *
 * The text is cut into segments at lines where a CommonMark parser surely starts
 * afresh at the top level. Only the segments that may contain a table, a text
 * that looks like one or a link reference definition are passed on, one after
 * the other. Each of them ends with a blank line or the end of the text, so the
 * parser reads each one in the same context as in the whole text.
 */

/** A text to parse in place of the original, and the map of its lines back to the original. */
export interface SelectedSource {
  text: string
  /** Origin of each line of `text` (index = line number - 1); null when `text` is the original. */
  lines: SourceLine[] | null
}

/** The origin of a line of the selected text. */
export interface SourceLine {
  /** Line number in the original text. */
  line: number
  /** The amount to add to an offset on this line to get the offset in the original text. */
  shift: number
}

/**
 * Characters that every table and every text that looks like one contains: a
 * pipe, or a colon beside a hyphen (the delimiter row of a table without pipes,
 * such as `:-:`).
 */
const TABLE_MARK = /\||:-|-:/

const BYTE_ORDER_MARK = 0xfeff

/** Returns whether a text may contain a table or a text that looks like one. */
export function mayHoldTable(text: string): boolean {
  return TABLE_MARK.test(text)
}

/**
 * Returns whether a segment has to be parsed. It has to when it may contain a
 * table, or a link reference definition (`[label]: url`), which changes how a
 * link written as `[label]` reads anywhere in the text.
 */
function mustParse(segment: string): boolean {
  return mayHoldTable(segment) || segment.includes(']:')
}

/**
 * Returns the text to parse for the tables of `text`: the segments that have to be
 * parsed, in order. Tables and paragraphs parsed from it equal those of the whole
 * text once their positions are mapped back with `lines`.
 */
export function selectTableSource(text: string): SelectedSource {
  // micromark skips a byte order mark at the start of a text and leaves it out of
  // the offsets. So the selected text starts with one only when the original
  // does, and then it is the original, because leaving out its first line would
  // move every offset by one.
  if (text.charCodeAt(0) === BYTE_ORDER_MARK) return { text, lines: null }

  const lines = splitLines(text)
  const starts = segmentStarts(lines.map(line => text.slice(line.start, line.end)))
  const ends = starts.map((_, index) => (index + 1 < starts.length ? starts[index + 1] : lines.length))
  const parsed = starts.map((start, index) => mustParse(text.slice(lines[start].start, lines[ends[index] - 1].next)))
  if (parsed.every(Boolean)) return { text, lines: null }
  if (!parsed.includes(true)) return { text: '', lines: [] }

  const parts: string[] = []
  const sourceLines: SourceLine[] = []
  let length = 0
  for (let segment = 0; segment < starts.length; segment++) {
    if (!parsed[segment]) continue
    // Every segment but the last ends with a blank line, so the next one passed on
    // starts after a blank line, as it does in the whole text.
    const start = lines[starts[segment]].start
    const end = lines[ends[segment] - 1].next
    for (let index = starts[segment]; index < ends[segment]; index++) {
      sourceLines.push({ line: index + 1, shift: start - length })
    }
    parts.push(text.slice(start, end))
    length += end - start
  }
  // Unless the last segment passed on ends the original text, it ends with a line
  // ending, after which the selected text has one more, empty, line.
  const last = ends[parsed.lastIndexOf(true)]
  if (last < lines.length) sourceLines.push({ line: last + 1, shift: lines[last].start - length })

  const selected = parts.join('')
  if (selected.charCodeAt(0) === BYTE_ORDER_MARK) return { text, lines: null }
  return { text: selected, lines: sourceLines }
}

/** A line of a text: where its content starts and ends, and where the next line starts. */
interface LineSpan {
  start: number
  end: number
  next: number
}

/** Splits a text into lines at `\r\n`, `\r` and `\n`, the line endings of CommonMark. */
function splitLines(text: string): LineSpan[] {
  const lines: LineSpan[] = []
  const ending = /\r\n|\r|\n/g
  let start = 0
  for (let match = ending.exec(text); match !== null; match = ending.exec(text)) {
    lines.push({ start, end: match.index, next: match.index + match[0].length })
    start = match.index + match[0].length
  }
  lines.push({ start, end: text.length, next: text.length })
  return lines
}

/** A block at the top level that a blank line does not end. */
type OpenBlock = { kind: 'fence'; marker: string; length: number } | { kind: 'html'; end: RegExp }
/** The effect of a line: an opened block, a block that also ends on it, a block whose end is unsure, or none. */
type Opened = OpenBlock | 'closed' | 'unsure' | 'none'

const BLANK = /^[ \t]*$/
/** Indented by 1 to 3 columns. A tab anywhere in the indentation reaches column 4. */
const INDENTED_1_TO_3 = /^ {1,3}[^ \t]/
/** An opening code fence at column 0. A backtick fence's info string has no backtick. */
const FENCE_OPENING = /^(?:(`{3,})[^`]*$|(~{3,}))/
const FENCE_CLOSING = /^ {0,3}(`{3,}|~{3,})[ \t]*$/
/**
 * Starts and end conditions of the HTML blocks that run until an end marker
 * rather than a blank line (CommonMark 0.31, HTML block kinds 1 to 5). The end
 * tag of kind 1 need not match the start tag.
 */
const HTML_UNTIL_MARKER: ReadonlyArray<{ start: RegExp; end: RegExp }> = [
  { start: /^<(?:script|pre|style|textarea)(?=[ \t>]|$)/i, end: /<\/(?:script|pre|style|textarea)>/i },
  { start: /^<!--/, end: /-->/ },
  { start: /^<\?/, end: /\?>/ },
  { start: /^<![A-Za-z]/, end: />/ },
  { start: /^<!\[CDATA\[/, end: /\]\]>/ }
]

/**
 * Returns the indices of the lines where a segment starts. Line 0 starts one, and
 * so does each non-blank line at column 0 right after a blank line, unless a code
 * fence or an HTML block of kinds 1 to 5 is open at the top level.
 *
 * Such a line closes every list item, because their content is indented, and a
 * blank line has closed every block quote, paragraph, table and other HTML block.
 * So the parser's state at that line does not depend on the lines before it.
 *
 * Code fences and HTML blocks that start at column 0 are followed exactly. A
 * start indented by 1 to 3 spaces may be at the top level or inside a list item,
 * so no segment starts after it. Nor does one start after a fence or HTML start
 * that may be the content of an HTML block that only a blank line ends.
 */
export function segmentStarts(lines: readonly string[]): number[] {
  const starts = [0]
  let open: OpenBlock | null = null
  // An HTML block of kind 6 or 7, which a blank line ends, may be open at the top level.
  let htmlToBlank = false
  let afterBlank = false

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]
    const blank = BLANK.test(line)

    if (open !== null) {
      if (closes(open, line)) open = null
    } else if (blank) {
      htmlToBlank = false
    } else if (line[0] !== ' ' && line[0] !== '\t') {
      if (afterBlank) starts.push(index)
      const opened = openedAtColumnZero(line)
      if (opened === 'unsure' || (isBlock(opened) && htmlToBlank)) return starts
      if (isBlock(opened)) open = opened
      else if (opened === 'none' && line.startsWith('<')) htmlToBlank = true
    } else if (INDENTED_1_TO_3.test(line)) {
      const content = line.replace(/^ +/, '')
      const opened = openedAtColumnZero(content)
      if (opened === 'unsure' || isBlock(opened)) return starts
      if (opened === 'none' && content.startsWith('<')) htmlToBlank = true
    }
    // Any other line is indented by 4 columns or more: indented code or the content
    // of a list item, which cannot open a block at the top level.
    afterBlank = blank
  }
  return starts
}

/**
 * Returns the block that a line at column 0 opens when it is a code fence or the
 * start of an HTML block of kinds 1 to 5. Returns 'closed' when that HTML block
 * also ends on this line, 'unsure' when its end marker overlaps the start (as in
 * `<!-->`), and 'none' when the line opens neither.
 */
function openedAtColumnZero(line: string): Opened {
  const fence = FENCE_OPENING.exec(line)
  if (fence !== null) {
    const marker = fence[1] ?? fence[2]
    return { kind: 'fence', marker: marker[0], length: marker.length }
  }
  for (const { start, end } of HTML_UNTIL_MARKER) {
    const match = start.exec(line)
    if (match === null) continue
    if (end.test(line.slice(match[0].length))) return 'closed'
    return end.test(line) ? 'unsure' : { kind: 'html', end }
  }
  return 'none'
}

function isBlock(opened: Opened): opened is OpenBlock {
  return typeof opened === 'object'
}

function closes(block: OpenBlock, line: string): boolean {
  if (block.kind === 'html') return block.end.test(line)
  const fence = FENCE_CLOSING.exec(line)
  return fence !== null && fence[1][0] === block.marker && fence[1].length >= block.length
}
