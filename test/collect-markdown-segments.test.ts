import assert from 'node:assert/strict'
import { readdirSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { CellValue, ParseWarning, ProseBlock } from '../src/collect/index.js'
import { parseTableSegments, parseWholeText, readMarkdown, type MarkdownBlocks } from '../src/collect/markdown.js'
import { segmentStarts, selectTableSource } from '../src/collect/markdown-segments.js'
import { artifactAt, sharedMissing, sharedRoot, temporaryFolder } from './support/collect-helpers.js'
import { seededRandom } from './support/seeded-random.js'

let folder = ''
let removeFolder: () => Promise<void> = async () => {}

before(async () => {
  ;({ folder, remove: removeFolder } = await temporaryFolder('collect-markdown-segments'))
})
after(() => removeFolder())

/** What the action keeps of a Markdown file: table cells and lines, warnings and the prose count. */
interface MarkdownOutcome {
  tables: { location: string; columns: string[]; rows: { line: number; cells: CellValue[] }[] }[]
  warnings: ParseWarning[]
  prose: ProseBlock[]
}

async function readOutcome(absolutePath: string, parse: (text: string) => Promise<MarkdownBlocks>): Promise<MarkdownOutcome> {
  const file = await artifactAt(absolutePath, 'reports/file.md')
  const outcome: MarkdownOutcome = { tables: [], warnings: [], prose: [] }
  const tables = readMarkdown(
    file,
    warning => outcome.warnings.push(warning),
    prose => outcome.prose.push(prose),
    parse
  )
  for await (const table of tables) {
    const rows: { line: number; cells: CellValue[] }[] = []
    for await (const row of table.rows) rows.push({ line: row.line, cells: row.cells })
    outcome.tables.push({ location: table.location, columns: table.columns, rows })
  }
  return outcome
}

/** Paragraphs that contain a pipe, the only ones that can look like a table. */
function paragraphsWithPipe(text: string, blocks: MarkdownBlocks): MarkdownBlocks['paragraphs'] {
  return blocks.paragraphs.filter(paragraph => text.slice(paragraph.position?.start.offset, paragraph.position?.end.offset).includes('|'))
}

/** Checks that parsing the selected segments gives what parsing the whole text gives. */
async function assertSameAsWhole(text: string, name: string): Promise<void> {
  const whole = await parseWholeText(text)
  const segments = await parseTableSegments(text)
  assert.deepEqual(segments.tables, whole.tables, `tables of ${name}`)
  assert.deepEqual(paragraphsWithPipe(text, segments), paragraphsWithPipe(text, whole), `paragraphs of ${name}`)

  const file = path.join(folder, 'file.md')
  await writeFile(file, text)
  assert.deepEqual(await readOutcome(file, parseTableSegments), await readOutcome(file, parseWholeText), `outcome of ${name}`)
}

function markdownFilesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter(name => name.toLowerCase().endsWith('.md'))
    .map(name => path.join(root, name))
}

describe('markdown segment starts', () => {
  const cases: [string, string[], number[]][] = [
    ['blocks after blank lines', ['# Title', '', 'Prose.', '', '| a |', '| - |'], [0, 2, 4]],
    ['indented line continues', ['- item', '', '  more', '', 'next'], [0, 4]],
    ['line without blank before', ['Prose.', '| a |', '', 'next'], [0, 3]],
    ['fence spans blank lines', ['```', '', 'code', '', '```', '', 'after'], [0, 6]],
    ['fence closed by its own kind', ['````', '', '```', '', '~~~~', '', '`````', '', 'after'], [0, 8]],
    ['indented closing fence', ['~~~', '', 'x', '   ~~~', '', 'after'], [0, 5]],
    ['unclosed fence', ['Prose.', '', '```', '', 'code'], [0, 2]],
    ['backtick in info string', ['``` a ` b', '', 'after'], [0, 2]],
    ['comment spans blank lines', ['<!--', '', 'hidden', '-->', '', 'after'], [0, 5]],
    ['comment closed on its line', ['<!-- note -->', '', 'after'], [0, 2]],
    ['raw block closed by any raw tag', ['<pre>', '', '</SCRIPT>', '', 'after'], [0, 4]],
    ['overlapping comment end', ['<!-->', '', 'after'], [0]],
    ['fence indented one space', ['Prose.', '', ' ```', '', 'after'], [0]],
    ['comment indented two spaces', ['Prose.', '', '  <!--', '', 'after'], [0]],
    ['fence after html block', ['<div>', '```', '', 'prose', '```', '', 'after'], [0]],
    ['fence after indented html block', ['  <div>', '```', '', 'prose', '```', '', 'after'], [0]],
    ['html block ends at blank', ['<div>', '', '```', '', 'code', '```', '', 'after'], [0, 2, 7]],
    ['tab-indented fence is code', ['Prose.', '', '\t```', '', 'after'], [0, 4]],
    ['fence in list item', ['- ```', '', '```', '', 'code'], [0, 2]]
  ]
  for (const [name, lines, expected] of cases) {
    it(name, () => {
      assert.deepEqual(segmentStarts(lines), expected)
    })
  }
})

describe('markdown table source', () => {
  it('other segments left out', () => {
    const source = selectTableSource('intro\n\n| a |\n| - |\n\nprose\n')
    assert.equal(source.text, '| a |\n| - |\n\n')
  })

  it('lines mapped to the original', () => {
    const source = selectTableSource('intro\n\n| a |\n| - |\n\nprose\n')
    assert.deepEqual(source.lines, [
      { line: 3, shift: 7 },
      { line: 4, shift: 7 },
      { line: 5, shift: 7 },
      { line: 6, shift: 7 }
    ])
  })

  it('segments joined in order', () => {
    const source = selectTableSource('a |\n\nprose\n\n| b |')
    assert.equal(source.text, 'a |\n\n| b |')
    assert.deepEqual(source.lines, [
      { line: 1, shift: 0 },
      { line: 2, shift: 0 },
      { line: 5, shift: 7 }
    ])
  })

  it('line endings kept', () => {
    const source = selectTableSource('intro\r\n\r\n| a |\r| - |\r\n\r\nprose\r\n')
    assert.equal(source.text, '| a |\r| - |\r\n\r\n')
  })

  it('text kept whole when all needed', () => {
    const source = selectTableSource('| a |\n| - |\n\n[x]: /url\n')
    assert.equal(source.lines, null)
  })

  it('byte order mark keeps text whole', () => {
    const source = selectTableSource('\uFEFFintro\n\n| a |\n| - |\n')
    assert.equal(source.lines, null)
  })

  it('byte order mark at segment start', () => {
    const source = selectTableSource('intro\n\n\uFEFF| a |\n| - |\n')
    assert.equal(source.lines, null)
  })
})

// Inputs where the context of a table could change its meaning. Each must parse
// the same from the selected segments as from the whole text.
const TRICKY: Record<string, string> = {
  'table in backtick fence': 'Intro.\n\n```\n\n| a | b |\n|---|---|\n\n```\n\n| c | d |\n|---|---|\n| 1 | 2 |\n',
  'table in tilde fence': 'Intro.\n\n~~~ md\n| a | b |\n\n|---|---|\n```\n\n~~~\n\n| c |\n| - |\n',
  'table in unclosed fence': 'Intro.\n\n````\n\n| a | b |\n|---|---|\n\n```\n',
  'fence closed by longer fence': '```\n\n| a |\n| - |\n\n`````\n\n| b |\n| - |\n',
  'table in list item': '- item\n\n  | a | b |\n  |---|---|\n  | 1 | 2 |\n\n- next\n\n| c |\n| - |\n',
  'table in nested list': '1. one\n   - two\n\n     | a | b |\n     |---|---|\n\nafter\n\n| c |\n| - |\n',
  'fence in list item': '- ```\n\n  | a |\n  | - |\n```\n\n| b |\n| - |\n',
  'indented fence in list item': '1. Run:\n\n   ```\n\n| a |\n| - |\n   ```\n\n| b |\n| - |\n',
  'indented fence at top level': 'Intro.\n\n  ```\n\n| a |\n| - |\n\n  ```\n\n| b |\n| - |\n',
  'table in block quote': '> | a | b |\n> |---|---|\n> | 1 | 2 |\n\n| c |\n| - |\n',
  'lazy line in block quote': '> a | b\n| c | d |\n\n| e |\n| - |\n',
  'lazy table row': '> | a | b |\n> |---|---|\n| 1 | 2 |\n\n| c |\n| - |\n',
  'table after comment': '<!--\n\n| a |\n| - |\n\n-->\n\n| b |\n| - |\n',
  'table after unclosed comment': 'Intro.\n\n<!-- start\n\n| a |\n| - |\n',
  'table after overlapping comment': '<!-->\n\n| a |\n| - |\n\n<!--->\n\n| b |\n| - |\n',
  'table after processing instruction': '<?php\n\n| a |\n| - |\n?>\n\n| b |\n| - |\n\n<?>\n\n| c |\n| - |\n',
  'table after declaration': '<!DOCTYPE html\n\n| a |\n| - |\n>\n\n| b |\n| - |\n',
  'table after cdata': '<![CDATA[\n\n| a |\n| - |\n]]>\n\n| b |\n| - |\n',
  'table after raw block': '<script>\n\n| a |\n| - |\n</style>\n\n| b |\n| - |\n',
  'table after div block': '<div>\n| a |\n| - |\n\n| b |\n| - |\n',
  'fence after div block': '<div>\n```\n\nProse.\n\n```\n\n| a |\n| - |\n',
  'fence after indented div block': ' <div>\n```\n\nProse.\n\n```\n\n| a |\n| - |\n',
  'fence after inline html line': 'Prose.\n<span>\n```\n\n| a |\n| - |\n',
  'fence interrupts table': '| a |\n| - |\n```\n\n| b |\n| - |\n\n```\n\n| c |\n| - |\n',
  'setext heading over table': 'Title\n=====\n| a |\n| - |\n\nSub | title\n---\n\n| b |\n| - |\n',
  'pipe in setext heading': 'a | b\n---\n\n| c |\n| - |\n',
  'lazy paragraph continuation': '- item\nwith | pipe\nand | more\n\n| a |\n| - |\n',
  'table without pipes': 'Prose | here.\n\nname\n:-:\nvalue\n\nmore\n-:\n',
  'indented code with pipes': 'Prose.\n\n    | a |\n    | - |\n\n| b |\n| - |\n',
  'CRLF line endings': 'Intro.\r\n\r\n| a | b |\r\n|---|---|\r\n| 1 | 2 | 3 |\r\n\r\n```\r\n\r\n| c |\r\n```\r\n\r\nx | y\r\nz | w\r\n',
  'CR line endings': 'Intro.\r\r| a | b |\r|---|---|\r| 1 |\r\rProse.\r\r| c |\r| - |\r',
  'mixed line endings': 'Intro.\r\n\n| a |\r| - |\n| 1 |\r\n\r\nProse.\n\n| b |\n| - |',
  'tabs in indentation': 'Intro.\n\n\t| a |\n\t| - |\n\n \t```\n\n| b |\n| - |\n\n-\t| c |\n\t| - |\n',
  'tabs in cells': '| a\t| b |\n|---\t|---|\n| 1\t|\t2 |\n\nProse.\n\n| c |\n| - |\n',
  'link reference defined elsewhere': '| a | b |\n|---|---|\n| [x] | [y][] |\n\n[x]: https://example.com\n\n[y]:\n/url\n',
  'link reference in other segment': 'Intro.\n\n[x]: /url "title"\n\nProse.\n\n| [x] |\n| --- |\n',
  'byte order mark': '\uFEFFIntro.\n\n| a |\n| - |\n| 1 |\n\nProse | x\nmore | y\n',
  'byte order mark at segment start': 'Intro.\n\n\uFEFF| a |\n| - |\n| 1 |\n',
  'line separator in fence info': '~~~ a\u2028b\n\n| a |\n| - |\n',
  'table at end without newline': 'Intro.\n\nProse.\n\n| a |\n| - |\n| 1 |',
  'blank lines with spaces': 'Intro.\n   \n| a |\n| - |\n\t\nProse.\n \n| b |\n| - |\n'
}

describe('markdown segments against whole text', () => {
  for (const [name, text] of Object.entries(TRICKY)) {
    it(name, async () => {
      await assertSameAsWhole(text, name)
    })
  }

  it('random documents', async () => {
    const random = seededRandom(20251204)
    for (let index = 0; index < 400; index++) {
      const text = randomDocument(random)
      await assertSameAsWhole(text, `random document ${index}: ${JSON.stringify(text)}`)
    }
  })
})

const noCorpus = sharedMissing(path.join(sharedRoot, 'corpus'))
const noCases = sharedMissing(path.join(sharedRoot, 'cases'))

describe('markdown segments on shared files', () => {
  it('corpus files', { skip: noCorpus }, async () => {
    const files = markdownFilesUnder(path.join(sharedRoot, 'corpus'))
    assert.ok(files.length >= 29)
    for (const file of files) {
      assert.deepEqual(await readOutcome(file, parseTableSegments), await readOutcome(file, parseWholeText), file)
    }
  })

  it('case files', { skip: noCases }, async () => {
    const files = markdownFilesUnder(path.join(sharedRoot, 'cases'))
    assert.ok(files.length > 0)
    for (const file of files) {
      assert.deepEqual(await readOutcome(file, parseTableSegments), await readOutcome(file, parseWholeText), file)
    }
  })
})

/** Lines that start, end or continue the blocks whose context matters to a table. */
const FRAGMENTS = [
  '| a | b |', '|---|---|', '| 1 | 2 |', 'a | b', '--- | ---', ':-:', '-:', 'Prose.', 'word',
  '```', '````', '~~~', '``` js', '```a`b', '   ```', ' ```', '    ```', '\t```', '  ~~~',
  '- item', '- | a | b |', '  | c | d |', '  |---|---|', '1. one', '   | e |', '   ```',
  '> quote', '> | a |', '> |---|', '>', '> ```',
  '<div>', '</div>', '<!--', '-->', '<!-- c -->', '<!-->', '<?', '?>', '<?>', '<!DOCTYPE', '>',
  '<![CDATA[', ']]>', '<script>', '</script>', '<pre>', '<span>', ' <div>', '  <!--',
  '[x]: /url', '| [x] | y |', '[x]', '[y]:', "'title", '# Heading', '===', '---', '    code | x', '***',
  '~~~ a\u2028b', '\u2028| c |', '\uFEFF| d |',
  '', '', '', '', '', '', '  ', '\t'
]
const LINE_ENDINGS = ['\n', '\n', '\n', '\r\n', '\r']

function randomDocument(random: () => number): string {
  const ending = LINE_ENDINGS[Math.floor(random() * LINE_ENDINGS.length)]
  const count = 4 + Math.floor(random() * 24)
  const lines = Array.from({ length: count }, () => FRAGMENTS[Math.floor(random() * FRAGMENTS.length)])
  return lines.join(ending) + (random() < 0.5 ? ending : '')
}

