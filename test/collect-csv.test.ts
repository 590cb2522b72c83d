import assert from 'node:assert/strict'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { ArtifactParseError, readTables, type TableRow } from '../src/collect/index.js'
import { readUnitsRow } from '../src/collect/units.js'
import { artifactAt, caseFile, readAll, sharedMissing, sharedRoot, temporaryFolder } from './support/collect-helpers.js'

const noShared = sharedMissing(path.join(sharedRoot, 'cases'))

let folder = ''
let removeFolder: () => Promise<void> = async () => {}

before(async () => {
  ;({ folder, remove: removeFolder } = await temporaryFolder('collect-csv'))
})
after(() => removeFolder())

/** Writes `content` to a file in the temporary folder and reads all its tables. */
async function readContent(name: string, content: string | Buffer) {
  const file = path.join(folder, name)
  await writeFile(file, content)
  return readAll(await artifactAt(file, `reports/${name}`))
}

describe('csv cases', { skip: noShared }, () => {
  it('csv with BOM and CRLF header', async () => {
    const { tables, warnings } = await readAll(await artifactAt(caseFile('B01', 'reports/latency_bom.csv')))
    assert.equal(tables.length, 1)
    assert.deepEqual(tables[0].columns, ['series', 'latency_ms'])
    assert.deepEqual(
      tables[0].rows.map(row => row.cells),
      [
        ['chat', '100'],
        ['chat', '110'],
        ['chat', '120']
      ]
    )
    assert.deepEqual(
      tables[0].rows.map(row => row.line),
      [2, 3, 4]
    )
    assert.deepEqual(warnings, [])
  })

  it('header with trailing delimiter', async () => {
    const { tables, warnings } = await readAll(await artifactAt(caseFile('B02', 'csv_data/trailing_delim.csv')))
    assert.deepEqual(tables[0].columns, ['series', 'latency_ms', 'output_tokens'])
    assert.deepEqual(
      tables[0].rows.map(row => row.cells),
      [
        ['gen', '200', '50'],
        ['gen', '250', '50'],
        ['gen', '300', '60']
      ]
    )
    assert.deepEqual(warnings, [])
  })

  it('quoted field with line break', async () => {
    const { tables } = await readAll(await artifactAt(caseFile('B04', 'reports/with_notes.csv')))
    const rows = tables[0].rows
    assert.equal(rows.length, 3)
    assert.deepEqual(
      rows.map(row => row.cells[0]),
      ['chat', 'chat', 'chat']
    )
    assert.equal(rows[1].cells[2], 'cold start\nafter deploy')
    assert.deepEqual(
      rows.map(row => row.line),
      [2, 3, 5]
    )
  })
})

describe('csv parsing', () => {
  it('rows of wrong width skipped', async () => {
    const { tables, warnings } = await readContent('width.csv', 'a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12,\n13,14,15\n')
    assert.deepEqual(
      tables[0].rows.map(row => row.cells),
      [
        ['1', '2', '3'],
        ['10', '11', '12'],
        ['13', '14', '15']
      ]
    )
    assert.deepEqual(
      warnings.map(warning => [warning.path, warning.line]),
      [
        ['reports/width.csv', 3],
        ['reports/width.csv', 4]
      ]
    )
    assert.match(warnings[0].message, /2 fields where the header has 3/)
  })

  it('wrong-width warnings are capped', async () => {
    const content = `a,b\n${'1\n'.repeat(30)}2,3\n`
    const { tables, warnings } = await readContent('many-bad.csv', content)
    assert.equal(tables[0].rows.length, 1)
    assert.equal(warnings.length, 21)
    assert.match(warnings[20].message, /^10 more rows/)
  })

  it('units row under header', async () => {
    const { tables } = await readContent('units.csv', 'series,latency_ms,load,rate\n,ms,s,tokens/s\nchat,1,2,3\n')
    assert.deepEqual(tables[0].units, [null, 'ms', 's', 'tokens/s'])
    assert.deepEqual(
      tables[0].rows.map(row => [row.line, ...row.cells]),
      [[3, 'chat', '1', '2', '3']]
    )
  })

  it('text row is not units', async () => {
    const { tables } = await readContent('labels.csv', 'model,quant\nllama,q4\n')
    assert.deepEqual(tables[0].units, [null, null])
    assert.equal(tables[0].rows.length, 1)
  })

  it('units row recognition', () => {
    assert.deepEqual(readUnitsRow(['', 'us', 'Kbyte/block', 'register/thread', '%', 'cycle/nsecond', '(ms)']), [null, 'us', 'Kbyte/block', 'register/thread', '%', 'cycle/nsecond', '(ms)'])
    assert.equal(readUnitsRow(['chat', 'ms']), null)
    assert.equal(readUnitsRow(['', '12']), null)
    assert.equal(readUnitsRow(['', '']), null)
  })

  it('semicolon with quoted commas', async () => {
    const { tables } = await readContent('semicolon.csv', 'series;note;latency_ms\nchat;"a, b, c";100\n')
    assert.deepEqual(tables[0].columns, ['series', 'note', 'latency_ms'])
    assert.deepEqual(tables[0].rows[0].cells, ['chat', 'a, b, c', '100'])
  })

  it('quoted commas in comma header', async () => {
    const { tables } = await readContent('quoted-header.csv', '"a;b;c",d\n1,2\n')
    assert.deepEqual(tables[0].columns, ['a;b;c', 'd'])
  })

  it('tab delimiter in csv', async () => {
    const { tables } = await readContent('tabs.csv', 'series\tlatency_ms\nchat, warm\t100\n')
    assert.deepEqual(tables[0].columns, ['series', 'latency_ms'])
    assert.deepEqual(tables[0].rows[0].cells, ['chat, warm', '100'])
  })

  it('pipe delimiter', async () => {
    const { tables } = await readContent('pipes.csv', 'series|latency_ms\nchat|100\n')
    assert.deepEqual(tables[0].rows[0].cells, ['chat', '100'])
  })

  it('tsv file', async () => {
    const { tables } = await readContent('runs.tsv', 'series\tlatency_ms\nchat\t100\n')
    assert.deepEqual(tables[0].columns, ['series', 'latency_ms'])
    assert.deepEqual(tables[0].rows[0].cells, ['chat', '100'])
  })

  it('number-like identifiers stay strings', async () => {
    const { tables } = await readContent('ids.csv', 'run_id,latency_ms\n1234e56,5\n007,6\n0x1F,7\n')
    assert.deepEqual(
      tables[0].rows.map(row => row.cells[0]),
      ['1234e56', '007', '0x1F']
    )
  })

  it('CRLF quoted line break lines', async () => {
    const content = 'series,note\r\n\r\nchat,"two\r\nlines"\r\nchat,ok\r\n'
    const { tables } = await readContent('crlf.csv', content)
    assert.deepEqual(
      tables[0].rows.map(row => row.line),
      [3, 5]
    )
    assert.equal(tables[0].rows[0].cells[1], 'two\r\nlines')
    assert.equal(tables[0].rows[1].cells[1], 'ok')
  })

  it('unclosed quote throws with line', async () => {
    await assert.rejects(readContent('unclosed.csv', 'a,b\n1,2\n3,"open\n4,5\n'), (error: unknown) => {
      assert.ok(error instanceof ArtifactParseError)
      assert.equal(error.path, 'reports/unclosed.csv')
      assert.equal(error.line, 3)
      return true
    })
  })

  it('empty file warns', async () => {
    const { tables, warnings } = await readContent('empty.csv', '')
    assert.equal(tables.length, 0)
    assert.match(warnings[0].message, /Empty file/)
  })

  it('header-only file has no rows', async () => {
    const { tables } = await readContent('header.csv', 'series,latency_ms\n')
    assert.deepEqual(tables[0].columns, ['series', 'latency_ms'])
    assert.equal(tables[0].rows.length, 0)
  })

  it('invalid UTF-8 later in file', async () => {
    const content = Buffer.concat([Buffer.from('series,latency_ms\nchat,1\n'), Buffer.from([0x63, 0xb5, 0x2c, 0x32, 0x0a]), Buffer.from('chat,3\n')])
    const { tables, warnings } = await readContent('latin1.csv', content)
    assert.equal(tables[0].rows.length, 3)
    assert.equal(warnings.length, 1)
    assert.equal(warnings[0].line, 3)
  })

  it('rows abandoned early end cleanly', async () => {
    const file = path.join(folder, 'abandon.csv')
    await writeFile(file, `a,b\n${'1,2\n'.repeat(100_000)}`)
    const artifact = await artifactAt(file, 'reports/abandon.csv')
    const late: TableRow[] = []
    let rows: AsyncIterable<TableRow> | null = null
    for await (const table of readTables(artifact, () => {})) {
      rows = table.rows
      for await (const row of table.rows) {
        assert.deepEqual(row.cells, ['1', '2'])
        break
      }
    }
    assert.ok(rows)
    for await (const row of rows) late.push(row)
    assert.ok(late.length < 100_000)
  })

  it('large file streams every row', async () => {
    const rows = 50_000
    const lines = ['series,latency_ms,note']
    for (let index = 0; index < rows; index++) lines.push(`s${index % 7},${index},"n, ${index}"`)
    const { tables } = await readContent('large.csv', `${lines.join('\n')}\n`)
    assert.equal(tables[0].rows.length, rows)
    assert.equal(tables[0].rows[rows - 1].line, rows + 1)
    assert.deepEqual(tables[0].rows[rows - 1].cells, [`s${(rows - 1) % 7}`, String(rows - 1), `n, ${rows - 1}`])
  })
})
