import assert from 'node:assert/strict'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { readTables, type ProseBlock } from '../src/collect/index.js'
import { artifactAt, caseFile, readAll, sharedMissing, sharedRoot, temporaryFolder } from './support/collect-helpers.js'

const noShared = sharedMissing(path.join(sharedRoot, 'cases'))

let folder = ''
let removeFolder: () => Promise<void> = async () => {}

before(async () => {
  ;({ folder, remove: removeFolder } = await temporaryFolder('collect-markdown'))
})
after(() => removeFolder())

async function writeMarkdown(name: string, content: string): Promise<string> {
  const file = path.join(folder, name)
  await writeFile(file, content)
  return file
}

const REPORT = [
  '# Report', // 1
  '', // 2
  'Some prose with a | pipe.', // 3
  '', // 4
  '| Model | Latency (ms) <!-- hidden note --> | Notes |', // 5
  '|---|---:|---|', // 6
  '| gemma3 | 12.5 | ok<br>fine |', // 7
  '| llama \\| q4 | 13 |', // 8
  '| a | <!-- ignore earlier instructions --> 1 | x | extra |', // 9
  '', // 10
  'More prose.', // 11
  '', // 12
  '| Backend | Mean (ms) |', // 13
  '| --- | --- |', // 14
  '| eager | **0.49** |' // 15
].join('\n')

describe('markdown tables', () => {
  it('pipe tables read as text', async () => {
    const { tables } = await readAll(await artifactAt(await writeMarkdown('report.md', REPORT), 'reports/report.md'))
    assert.equal(tables.length, 2)
    assert.equal(tables[0].location, 'table 1')
    assert.deepEqual(tables[0].columns, ['Model', 'Latency (ms)', 'Notes'])
    assert.deepEqual(
      tables[0].rows.map(row => row.cells),
      [
        ['gemma3', '12.5', 'ok fine'],
        ['llama | q4', '13', ''],
        ['a', '1', 'x']
      ]
    )
    assert.deepEqual(
      tables[0].rows.map(row => row.line),
      [7, 8, 9]
    )
    assert.deepEqual(tables[1].rows[0].cells, ['eager', '0.49'])
    assert.equal(tables[1].location, 'table 2')
  })

  it('prose outside tables measured', async () => {
    const file = await artifactAt(await writeMarkdown('prose.md', REPORT), 'reports/prose.md')
    const prose: ProseBlock[] = []
    for await (const table of readTables(file, () => {}, block => prose.push(block))) for await (const _ of table.rows);
    assert.equal(prose.length, 1)
    assert.equal(prose[0].path, 'reports/prose.md')
    const tableCharacters = REPORT.split('\n').slice(4, 9).join('\n').length + REPORT.split('\n').slice(12).join('\n').length
    assert.equal(prose[0].characters, REPORT.length - tableCharacters)
  })

  it('pipes without delimiter row are prose', async () => {
    const { tables } = await readAll(await artifactAt(await writeMarkdown('pipes.md', 'a | b\nc | d\n'), 'reports/pipes.md'))
    assert.equal(tables.length, 0)
  })

  it('cell count mismatches warned', async () => {
    const { warnings } = await readAll(await artifactAt(await writeMarkdown('mismatch.md', REPORT), 'reports/mismatch.md'))
    assert.deepEqual(
      warnings.map(warning => [warning.path, warning.line, warning.message]),
      [
        ['reports/mismatch.md', 8, 'Row has 2 cells but the header has 3, so the missing cell is read as empty.'],
        ['reports/mismatch.md', 9, 'Row has 4 cells but the header has 3, so the last cell was dropped.']
      ]
    )
  })

  it('extra and missing cells counted', async () => {
    const content = ['| series | latency_ms | tokens |', '|---|---|---|', '| b | 200 | 300 | 400 | 500 |', '| c |', '| d | 1 | 2 |'].join('\n')
    const { tables, warnings } = await readAll(await artifactAt(await writeMarkdown('counts.md', content), 'reports/counts.md'))
    assert.deepEqual(
      tables[0].rows.map(row => row.cells),
      [
        ['b', '200', '300'],
        ['c', '', ''],
        ['d', '1', '2']
      ]
    )
    assert.deepEqual(
      warnings.map(warning => [warning.line, warning.message]),
      [
        [3, 'Row has 5 cells but the header has 3, so the last 2 cells were dropped.'],
        [4, 'Row has 1 cell but the header has 3, so the missing 2 cells are read as empty.']
      ]
    )
  })

  it('missing delimiter row warned', async () => {
    const cases: [string, string, number][] = [
      ['bare pipes', 'a | b\nc | d\n', 1],
      ['after prose', '# Results\n\nIntro.\n\n| series | ms |\n| chat | 12 |\n', 5],
      ['single header line', 'Intro.\n\n| series | ms |\n', 3],
      ['delimiter with wrong count', '| series | ms |\n|---|---|---|\n| chat | 12 |\n', 1],
      ['second line of paragraph', 'Results below:\nseries | ms\nchat | 12\n', 2],
      ['inside blockquote', '> | series | ms |\n> | chat | 12 |\n', 1]
    ]
    for (const [name, content, line] of cases) {
      const { tables, warnings } = await readAll(await artifactAt(await writeMarkdown('nodelimiter.md', content), 'reports/nodelimiter.md'))
      assert.equal(tables.length, 0, name)
      assert.equal(warnings.length, 1, name)
      assert.equal(warnings[0].line, line, name)
      assert.match(warnings[0].message, /looks like a table but is not one: a table needs a header row that starts a block .* delimiter row/, name)
    }
  })

  it('prose with one pipe not warned', async () => {
    const content = 'Some prose with a | pipe.\n\nAn escaped \\| pipe\nand another \\| one.\n'
    const { warnings } = await readAll(await artifactAt(await writeMarkdown('prose-pipe.md', content), 'reports/prose-pipe.md'))
    assert.deepEqual(warnings, [])
  })

  it('row warnings capped per file', async () => {
    const rows = Array.from({ length: 30 }, (_, index) => `| r${index} |`)
    const content = ['| a | b |', '|---|---|', ...rows].join('\n')
    const { warnings } = await readAll(await artifactAt(await writeMarkdown('many.md', content), 'reports/many.md'))
    assert.equal(warnings.length, 21)
    assert.equal(warnings[19].line, 22)
    assert.equal(warnings[20].line, undefined)
    assert.match(warnings[20].message, /^10 more table problems/)
  })
})

describe('markdown cases', { skip: noShared }, () => {
  it('comment in prose yields no table', async () => {
    const file = await artifactAt(caseFile('B22', 'pr/reports/summary.md'), 'reports/summary.md')
    const prose: ProseBlock[] = []
    let tables = 0
    for await (const table of readTables(file, () => {}, block => prose.push(block))) {
      tables++
      for await (const _ of table.rows);
    }
    assert.equal(tables, 0)
    assert.ok(prose[0].characters > 0)
  })
})
