/**
 * Reads the GitHub pipe tables of a Markdown file, parsed by micromark's GFM table
 * extension so that a table is whatever GitHub renders as one. Cells are text;
 * everything outside tables is prose, which is only measured.
 */
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table'
import { gfmTable } from 'micromark-extension-gfm-table'
import type { Nodes, Table } from 'mdast'
import { readText } from './json.js'
import { iterate } from './json-tables.js'
import type { ArtifactFile, ParsedTable, ParseWarning, ProseBlock, TableRow } from './types.js'

export async function* readMarkdown(
  file: ArtifactFile,
  onWarning: (warning: ParseWarning) => void,
  onProse?: (prose: ProseBlock) => void
): AsyncGenerator<ParsedTable> {
  const text = await readText(file, onWarning)
  const tree = fromMarkdown(text, { extensions: [gfmTable()], mdastExtensions: [gfmTableFromMarkdown()] })

  const tables: Table[] = []
  collectTables(tree, tables)

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
      // GitHub pads a short row with empty cells and drops cells past the header's width.
      const cells = columns.map((_, column) => {
        const cell = row.children[column]
        return cell === undefined ? '' : cellText(cell)
      })
      return { line: row.position?.start.line ?? table.position?.start.line ?? 1, cells }
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
}

function collectTables(node: Nodes, tables: Table[]): void {
  if (node.type === 'table') {
    tables.push(node)
    return
  }
  if ('children' in node) for (const child of node.children) collectTables(child, tables)
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
