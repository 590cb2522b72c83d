/**
 * A small CSV is read with one read and parsed in one call, and a large one is
 * streamed. Both must give the same rows, lines, warnings and errors, so each
 * file here is read both ways: with its real size, and with its size given as
 * 1 GiB, which makes the reader stream it.
 */
import assert from 'node:assert/strict'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { readTables, type ArtifactFile, type CellValue, type ParseWarning } from '../src/collect/index.js'
import { artifactAt, errorFromConsumer, temporaryFolder } from './support/collect-helpers.js'

let folder = ''
let removeFolder: () => Promise<void> = async () => {}

before(async () => {
  ;({ folder, remove: removeFolder } = await temporaryFolder('csv-whole-read'))
})
after(() => removeFolder())

interface Outcome {
  columns: string[][]
  rows: { line: number; cells: CellValue[] }[]
  warnings: ParseWarning[]
  error: string | null
}

/** Reads every table of `file` through `eachRow` or `rows`, keeping a thrown error's message and line. */
async function read(file: ArtifactFile, through: 'eachRow' | 'rows'): Promise<Outcome> {
  const outcome: Outcome = { columns: [], rows: [], warnings: [], error: null }
  try {
    for await (const table of readTables(file, warning => outcome.warnings.push(warning))) {
      outcome.columns.push(table.columns)
      if (through === 'eachRow' && table.eachRow !== undefined) await table.eachRow((cells, line) => outcome.rows.push({ line, cells: [...cells] }))
      else for await (const row of table.rows) outcome.rows.push({ line: row.line, cells: [...row.cells] })
    }
  } catch (error) {
    const { message, line } = error as { message: string; line?: number }
    outcome.error = `${message} (line ${line ?? 'none'})`
  }
  return outcome
}

/** Writes `content` to `name` and reads it whole and streamed, through `through`. */
async function bothWays(name: string, content: string | Buffer, through: 'eachRow' | 'rows' = 'eachRow'): Promise<{ whole: Outcome; streamed: Outcome }> {
  await writeFile(path.join(folder, name), content)
  const file = await artifactAt(path.join(folder, name))
  assert.ok(file.size <= 64 * 1024, 'the file is small enough to be read whole')
  return { whole: await read(file, through), streamed: await read({ ...file, size: 1024 ** 3 }, through) }
}

const CASES: [string, string, string | Buffer][] = [
  [
    'BOM, CRLF, quoted breaks, empty lines',
    'awkward.csv',
    '\ufeffmodel,prompt,latency_ms\r\nm1,"line one\r\nline two",1.5\r\n\r\nm2,p,2\r\nm3,"a ""quoted"" word",3\r\n'
  ],
  ['rows of the wrong width', 'widths.csv', `model,latency_ms\n${Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? `m,${i},extra` : `m,${i},`)).join('\n')}\n`],
  ['units row', 'units.csv', 'model,latency\n,ms\nm,1\nm,2\n'],
  ['old Mac line ends', 'cr.csv', 'model,latency_ms\rm,1\rm,2\r'],
  ['mixed line ends', 'mixed.csv', 'model,latency_ms\nm,1\r\nm,2\rm,3\n'],
  ['CRLF header, LF rows', 'crlf-header.csv', 'model,latency_ms\r\nm,1\nm,2\nm,3,4\r\n'],
  ['LF header, CRLF rows', 'lf-header.csv', 'model,latency_ms\nm,1\r\nm,2\r\nm,3,4\n'],
  ['no final line break', 'unterminated.csv', 'model;latency_ms\nm;1\nm;2'],
  ['quote inside a field', 'inch.csv', 'model,screen,latency_ms\nm,5" wide,1\n'],
  ['quoted header line break', 'header-break.csv', '"model\nname",latency_ms\nm,1\n'],
  ['invalid UTF-8', 'latin1.csv', Buffer.concat([Buffer.from('model,latency_ms\nm,1\ncaf'), Buffer.from([0xe9]), Buffer.from(',2\n')])],
  ['cut multi-byte character', 'cut.csv', Buffer.concat([Buffer.from('model,latency_ms\nm,1\n\u00e9'), Buffer.from([0xe2, 0x82])])],
  ['unclosed quote', 'unclosed.csv', `model,latency_ms\n${'m,1\n'.repeat(50)}m,"2\nm,3\n`],
  ['empty file', 'empty.csv', ''],
  ['header only', 'header.csv', 'model,latency_ms\n'],
  ['header without names', 'blank-header.csv', ',,\n1,2,3\n'],
  ['tab-separated file', 'tabs.tsv', 'model\tlatency_ms\nm\t1\nm\t2\n']
]

describe('csv read whole', () => {
  for (const [title, name, content] of CASES) {
    it(`${title} same both ways`, async () => {
      const { whole, streamed } = await bothWays(name, content)
      assert.deepEqual(whole, streamed)
    })
  }

  it('CRLF header with LF rows', async () => {
    const { whole } = await bothWays('crlf-header.csv', 'model,latency_ms\r\nm,1\nm,2\nm,3,4\r\n')
    assert.deepEqual(
      [whole.rows, whole.warnings.map(warning => warning.line)],
      [[{ line: 2, cells: ['m', '1'] }, { line: 3, cells: ['m', '2'] }], [4]]
    )
  })

  it('LF header with CRLF rows', async () => {
    const { whole } = await bothWays('lf-header.csv', 'model,latency_ms\nm,1\r\nm,2\r\nm,3,4\n')
    assert.deepEqual(
      [whole.rows, whole.warnings.map(warning => warning.line)],
      [[{ line: 2, cells: ['m', '1'] }, { line: 3, cells: ['m', '2'] }], [4]]
    )
  })

  it('rows iteration same both ways', async () => {
    const { whole, streamed } = await bothWays('iterate.csv', CASES[0][2], 'rows')
    assert.deepEqual(whole, streamed)
  })

  it('small file keeps line numbers', async () => {
    const { whole } = await bothWays('lines.csv', 'model,note,latency_ms\nm,"a\nb",1\n\nm,c,2\n')
    assert.deepEqual(
      whole.rows.map(row => row.line),
      [2, 5]
    )
  })

  it('unclosed quote names its line', async () => {
    const { whole } = await bothWays('unclosed-line.csv', `model,latency_ms\n${'m,1\n'.repeat(50)}m,"2\nm,3\n`)
    assert.match(whole.error ?? '', /line 52\)$/)
  })

  it('rows before an error delivered', async () => {
    const { whole } = await bothWays('before-error.csv', `model,latency_ms\n${'m,1\n'.repeat(50)}m,"2\nm,3\n`)
    assert.equal(whole.rows.length, 50)
  })

  it('consumer error passed on unchanged', async () => {
    await writeFile(path.join(folder, 'throws.csv'), `model,latency_ms\n${'m,1\n'.repeat(100)}`)
    const thrown = new Error('consumer failed')
    assert.equal(await errorFromConsumer(path.join(folder, 'throws.csv'), 10, thrown), thrown)
  })
})
