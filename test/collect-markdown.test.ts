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
