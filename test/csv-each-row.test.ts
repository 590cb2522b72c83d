/**
 * `ParsedTable.eachRow` of the CSV reader must pass exactly the rows, lines and
 * warnings that iterating `rows` gives, including across stream chunks and the
 * consumer's batches, and pass errors on unchanged.
 */
import assert from 'node:assert/strict'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { ArtifactParseError, readTables, type CellValue, type ParseWarning } from '../src/collect/index.js'
import { artifactAt, errorFromConsumer, temporaryFolder } from './support/collect-helpers.js'

let folder = ''
let removeFolder: () => Promise<void> = async () => {}

before(async () => {
  ;({ folder, remove: removeFolder } = await temporaryFolder('csv-each-row'))
})
after(() => removeFolder())

interface Rows {
  rows: { line: number; cells: CellValue[] }[]
  warnings: ParseWarning[]
}

/** Reads the one table of `name` by iterating `rows`. */
async function iterate(name: string): Promise<Rows> {
  const warnings: ParseWarning[] = []
  const rows: Rows['rows'] = []
  for await (const table of readTables(await artifactAt(path.join(folder, name)), warning => warnings.push(warning))) {
    for await (const row of table.rows) rows.push({ line: row.line, cells: [...row.cells] })
  }
  return { rows, warnings }
}

/** Reads the one table of `name` through `eachRow`. */
async function push(name: string): Promise<Rows> {
  const warnings: ParseWarning[] = []
  const rows: Rows['rows'] = []
  for await (const table of readTables(await artifactAt(path.join(folder, name)), warning => warnings.push(warning))) {
    assert.ok(table.eachRow !== undefined, 'the CSV reader sets eachRow')
    await table.eachRow((cells, line) => rows.push({ line, cells: [...cells] }))
  }
  return { rows, warnings }
}

/**
 * Builds a CSV of `count` rows with a BOM, CRLF line ends, quoted line breaks, empty
 * lines, rows of the wrong width and rows with a trailing delimiter.
 */
function awkwardCsv(count: number): string {
  const lines = ['\ufeffmodel,prompt,latency_ms']
  for (let i = 0; i < count; i++) {
    if (i % 97 === 0) lines.push(`m${i % 3},"line one\r\nline two ${i}",${i}.5`)
    else if (i % 89 === 0) lines.push(`m${i % 3},too,many,${i}`)
    else if (i % 83 === 0) lines.push(`m${i % 3},trailing ${i},${i},`)
    else lines.push(`m${i % 3},prompt ${i},${i}`)
    if (i % 71 === 0) lines.push('')
  }
  return `${lines.join('\r\n')}\r\n`
}

describe('csv eachRow', () => {
  it('small file matches rows', async () => {
    await writeFile(path.join(folder, 'small.csv'), awkwardCsv(300))
    const expected = await iterate('small.csv')
    const actual = await push('small.csv')
    assert.deepEqual(actual.rows, expected.rows)
    assert.deepEqual(actual.warnings, expected.warnings)
  })

  it('file of many chunks matches rows', async () => {
    // About 3 MB: many 64 KiB stream chunks and many consumer batches.
    await writeFile(path.join(folder, 'large.csv'), awkwardCsv(100_000))
    const expected = await iterate('large.csv')
    const actual = await push('large.csv')
    assert.equal(actual.rows.length, expected.rows.length)
    assert.deepEqual(actual.rows, expected.rows)
    assert.deepEqual(actual.warnings, expected.warnings)
  })

  for (const [ending, name] of [
    ['\n', 'LF'],
    ['\r\n', 'CRLF']
  ]) {
    it(`line numbers with ${name} breaks`, async () => {
      const lines = ['model,note,latency_ms', 'm,"a', 'b",1', '', 'm,c,2', 'm,"d', 'e', 'f",3', 'm,g,4']
      await writeFile(path.join(folder, `breaks-${name}.csv`), `${lines.join(ending)}${ending}`)
      const { rows } = await push(`breaks-${name}.csv`)
      assert.deepEqual(
        rows.map(row => row.line),
        [2, 5, 6, 9]
      )
    })
  }

  it('unclosed quote names its line', async () => {
    await writeFile(path.join(folder, 'unclosed.csv'), `model,latency_ms\n${'m,1\n'.repeat(5000)}m,"2\nm,3\n`)
    await assert.rejects(push('unclosed.csv'), (error: unknown) => {
      assert.ok(error instanceof ArtifactParseError)
      assert.equal(error.line, 5002)
      return true
    })
  })

  it('consumer error passed on unchanged', async () => {
    await writeFile(path.join(folder, 'throws.csv'), `model,latency_ms\n${'m,1\n'.repeat(20_000)}`)
    const thrown = new Error('consumer failed')
    assert.equal(await errorFromConsumer(path.join(folder, 'throws.csv'), 5000, thrown), thrown)
  })
})
