/**
 * Reads the GitHub pipe tables of a Markdown file, parsed by micromark's GFM table
 * extension so that a table is whatever GitHub renders as one. Cells are text;
 * everything outside tables is prose, which is only measured.
 */
import type { Nodes, Paragraph, Root, Table, TableRow as MarkdownRow } from 'mdast'
import { readText } from './json.js'
import { iterate } from './json-tables.js'
import { mayHoldTable, selectTableSource, type SourceLine } from './markdown-segments.js'
import type { ArtifactFile, ParsedTable, ParseWarning, ProseBlock, TableRow } from './types.js'

/** Problems reported one by one per file; further ones are counted in one warning. */
const MAX_WARNINGS = 20

/** The tables and paragraphs of a Markdown text, with positions in that text. */
export interface MarkdownBlocks {
  tables: Table[]
  paragraphs: Paragraph[]
}

/**
 * Reads the tables of a Markdown file. `parse` finds its tables and paragraphs;
 * tests pass `parseWholeText` to check `parseTableSegments` against it.
 */
export async function* readMarkdown(
  file: ArtifactFile,
  onWarning: (warning: ParseWarning) => void,
  onProse?: (prose: ProseBlock) => void,
  parse: (text: string) => Promise<MarkdownBlocks> = parseTableSegments
): AsyncGenerator<ParsedTable> {
  const text = await readText(file, onWarning)
  const { tables, paragraphs } = await parse(text)

  let problems = 0
  const warn = (line: number, message: string): void => {
    problems++
    if (problems <= MAX_WARNINGS) onWarning({ path: file.path, line, message })
  }
  for (const paragraph of paragraphs) {
    const line = pipeRowWithoutTable(text, paragraph)
    if (line !== null) {
      warn(
        line,
        'This text looks like a table but is not one: a table needs a header row that starts a block (usually after a blank line) and, right below it, a delimiter row such as |---|---| with one cell per header cell. GitHub shows it as text, and it is not read.'
      )
    }
  }

  if (onProse !== undefined) {
    let tableCharacters = 0
    for (const table of tables) tableCharacters += (table.position?.end.offset ?? 0) - (table.position?.start.offset ?? 0)
    const characters = text.replace(/\s+/g, ' ').trim().length === 0 ? 0 : Math.max(0, text.length - tableCharacters)
    onProse({ path: file.path, characters })
  }

  for (const [index, table] of tables.entries()) {
    const [header, ...body] = table.children
    if (header === undefined) continue
    const columns = header.children.map(cell => cellText(cell))
    const rows: TableRow[] = body.map(row => {
      const line = row.position?.start.line ?? table.position?.start.line ?? 1
      const mismatch = describeCellCount(row, columns.length)
      if (mismatch !== null) warn(line, mismatch)
      // GitHub pads a short row with empty cells and drops cells past the header's width.
      const cells = columns.map((_, column) => {
        const cell = row.children[column]
        return cell === undefined ? '' : cellText(cell)
      })
      return { line, cells }
    })
    yield {
      path: file.path,
      location: `table ${index + 1}`,
      columns,
      units: columns.map(() => null),
      context: {},
      rows: iterate(rows)
    }
  }
  if (problems > MAX_WARNINGS) {
    onWarning({ path: file.path, message: `${problems - MAX_WARNINGS} more table problems of the kinds above were found in this file.` })
  }
}

/**
 * Finds the tables and paragraphs of a Markdown text by parsing only the segments
 * that may contain a table or a link reference definition (see
 * `selectTableSource`). The result equals that of
 * `parseWholeText` for the tables and for every paragraph that contains a pipe,
 * the only paragraphs that can look like a table.
 */
export async function parseTableSegments(text: string): Promise<MarkdownBlocks> {
  const blocks: MarkdownBlocks = { tables: [], paragraphs: [] }
  if (!mayHoldTable(text)) return blocks
  const source = selectTableSource(text)
  collectBlocks(await parseMarkdown(source.text), blocks)
  const { lines } = source
  if (lines !== null) {
    for (const node of [...blocks.tables, ...blocks.paragraphs]) mapPositions(node, lines)
  }
  return blocks
}

/** Finds the tables and paragraphs of a Markdown text by parsing all of it. */
export async function parseWholeText(text: string): Promise<MarkdownBlocks> {
  const blocks: MarkdownBlocks = { tables: [], paragraphs: [] }
  collectBlocks(await parseMarkdown(text), blocks)
  return blocks
}

let parser: Promise<(text: string) => Root> | undefined

/** Parses CommonMark with GFM tables. The parser is loaded on first use, so a run without Markdown tables skips loading it. */
async function parseMarkdown(text: string): Promise<Root> {
  parser ??= Promise.all([import('mdast-util-from-markdown'), import('mdast-util-gfm-table'), import('micromark-extension-gfm-table')]).then(
    ([{ fromMarkdown }, { gfmTableFromMarkdown }, { gfmTable }]) =>
      (source: string) => fromMarkdown(source, { extensions: [gfmTable()], mdastExtensions: [gfmTableFromMarkdown()] })
  )
  return (await parser)(text)
}

/** Maps the positions of a node and its descendants from the selected source to the original text; columns are the same in both. */
function mapPositions(node: Nodes, lines: readonly SourceLine[]): void {
  const { position } = node
  if (position !== undefined) {
    for (const point of [position.start, position.end]) {
      const source = lines[point.line - 1]
      point.line = source.line
      if (point.offset !== undefined) point.offset += source.shift
    }
  }
  if ('children' in node) for (const child of node.children) mapPositions(child, lines)
}

function collectBlocks(node: Nodes, blocks: MarkdownBlocks): void {
  if (node.type === 'table') {
    blocks.tables.push(node)
    return
  }
  if (node.type === 'paragraph') {
    blocks.paragraphs.push(node)
    return
  }
  if ('children' in node) for (const child of node.children) collectBlocks(child, blocks)
}

/** Describes how a body row's cell count differs from the header's, or returns null when they agree. */
function describeCellCount(row: MarkdownRow, headerCells: number): string | null {
  const count = row.children.length
  if (count > headerCells) {
    const extra = count - headerCells
    return `Row has ${count} cells but the header has ${headerCells}, so the last ${extra === 1 ? 'cell was' : `${extra} cells were`} dropped.`
  }
  if (count < headerCells) {
    const missing = headerCells - count
    return `Row has ${count} ${count === 1 ? 'cell' : 'cells'} but the header has ${headerCells}, so the missing ${missing === 1 ? 'cell is' : `${missing} cells are`} read as empty.`
  }
  return null
}

/** A pipe not preceded by a backslash. */
const CELL_PIPE = /(?<!\\)\|/g
/** Blockquote markers and indentation before the text of a line. */
const LINE_PREFIX = /^[ \t]*(>[ \t]?)*/

/**
 * Returns the line of a paragraph that looks like a pipe table without its
 * delimiter row, or null. It looks like one when its first line starts with a
 * pipe and has another, or when two lines in a row contain a pipe, so a single
 * sentence with a pipe in it stays prose.
 */
function pipeRowWithoutTable(text: string, paragraph: Paragraph): number | null {
  const start = paragraph.position?.start
  const end = paragraph.position?.end
  if (start?.offset === undefined || end?.offset === undefined) return null
  const lines = text
    .slice(start.offset, end.offset)
    .split(/\r?\n|\r/)
    .map(line => line.replace(LINE_PREFIX, ''))
  const pipes = lines.map(line => line.match(CELL_PIPE)?.length ?? 0)

  if (lines[0].startsWith('|') && pipes[0] >= 2) return start.line
  for (let index = 0; index + 1 < lines.length; index++) {
    if (pipes[index] > 0 && pipes[index + 1] > 0) return start.line + index
  }
  return null
}

/**
 * Plain text of a cell. HTML comments and tags are dropped, so text hidden in a
 * comment never reaches the report, and `<br>` becomes a space.
 */
function cellText(node: Nodes): string {
  return (
    textOf(node)
      // A comment that contains a pipe is split across cells before inline HTML is recognised, so its start comes as text.
      .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
      .replace(/\s+/g, ' ')
      .trim()
  )
}

function textOf(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value
    case 'html':
      return /^<br\s*\/?>$/i.test(node.value.trim()) ? ' ' : ''
    case 'break':
      return ' '
    case 'image':
      return node.alt ?? ''
    default:
      return 'children' in node ? node.children.map(child => textOf(child)).join('') : ''
  }
}
