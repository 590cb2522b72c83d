import assert from 'node:assert/strict'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { readTables, type ProseBlock } from '../src/collect/index.js'
import { artifactAt, readAll, temporaryFolder } from './support/collect-helpers.js'

let folder = ''
let removeFolder: () => Promise<void> = async () => {}

before(async () => {
  ;({ folder, remove: removeFolder } = await temporaryFolder('collect-markdown-prose'))
})
after(() => removeFolder())

async function artifact(name: string, content: string) {
  const file = path.join(folder, name)
  await writeFile(file, content)
  return artifactAt(file, `reports/${name}`)
}

async function proseOf(name: string, content: string): Promise<ProseBlock[]> {
  const prose: ProseBlock[] = []
  for await (const table of readTables(await artifact(name, content), () => {}, block => prose.push(block))) for await (const _ of table.rows);
  return prose
}

// 8 + 1 + 15 + 1 + 4 + 1 + 4 + 11 + 4 = 49 characters per line, line breaks included.
const NO_PIPES = '# Notes\n\nPlain results.\n\n---\n\n```\ncode block\n```\n'

describe('markdown without pipes', () => {
  it('no tables and no warnings', async () => {
    const { tables, warnings } = await readAll(await artifact('plain.md', NO_PIPES))
    assert.deepEqual([tables.length, warnings.length], [0, 0])
  })

  it('prose is the whole text', async () => {
    assert.deepEqual(await proseOf('plain-prose.md', NO_PIPES), [{ path: 'reports/plain-prose.md', characters: 49 }])
  })

  it('whitespace only counts zero', async () => {
    assert.deepEqual(await proseOf('blank.md', ' \n\t\n'), [{ path: 'reports/blank.md', characters: 0 }])
  })
})

describe('markdown tables still found', () => {
  it('table inside a blockquote', async () => {
    const { tables } = await readAll(await artifact('quoted.md', '> | Model | ms |\n> | --- | --- |\n> | gemma3 | 12 |\n'))
    assert.deepEqual(tables[0]?.rows.map(row => row.cells), [['gemma3', '12']])
  })

  it('pipe rows without delimiter warn', async () => {
    const { tables, warnings } = await readAll(await artifact('loose.md', 'Intro.\n\n| Model | ms |\n| gemma3 | 12 |\n'))
    assert.deepEqual([tables.length, warnings.map(warning => warning.line)], [0, [3]])
  })
})
