import assert from 'node:assert/strict'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, it } from 'node:test'
import { collectArtifacts } from '../src/collect/index.js'
import { MemoryLogger } from '../src/logger.js'
import { collectSettings, temporaryFolder } from './support/collect-helpers.js'

/** Writes files given as `{ 'reports/a.csv': 'content' }` under `root`. */
async function writeTree(root: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(root, relative)
    await mkdir(path.dirname(file), { recursive: true })
    await writeFile(file, content)
  }
}

/** Collects `files` with `patterns` in a fresh workspace and returns the read paths and the log. */
async function collectWith(files: Record<string, string | Buffer>, patterns: string[], options: { baseline?: boolean } = {}) {
  const { folder, remove } = await temporaryFolder('collect-patterns')
  try {
    await writeTree(folder, files)
    const log = new MemoryLogger()
    const collection = await collectArtifacts(folder, collectSettings({ patterns }), log, options)
    return { paths: collection.files.map(file => file.path), log }
  } finally {
    await remove()
  }
}

const CSV = 'series,latency_ms\nchat,100\n'

describe('patterns matching nothing', () => {
  it('typo in one pattern warned', async () => {
    const { paths, log } = await collectWith({ 'reports/a.csv': CSV }, ['reports/**', 'nomatch/**'])
    assert.deepEqual(paths, ['reports/a.csv'])
    assert.deepEqual(log.messages('warning'), [
      "Pattern 'nomatch/**' in input 'artifacts' matched no file; patterns are relative to the workspace root."
    ])
  })

  it('only pattern matches nothing', async () => {
    const { paths, log } = await collectWith({ 'reports/a.csv': CSV }, ['nomatch/**'])
    assert.deepEqual(paths, [])
    const warnings = log.messages('warning')
    assert.equal(warnings.length, 2)
    assert.match(warnings[0], /^Pattern 'nomatch\/\*\*' in input 'artifacts' matched no file/)
    assert.match(warnings[1], /^No artifact file was read: the patterns in input 'artifacts' \('nomatch\/\*\*'\) matched no file\./)
    assert.match(warnings[1], /the regression gate has nothing to check/)
  })

  it('unsupported type pattern warned', async () => {
    const { paths, log } = await collectWith({ 'reports/a.xlsx': 'x', 'reports/b.xlsx': 'y', 'reports/c.csv': CSV }, ['reports/*.xlsx'])
    assert.deepEqual(paths, [])
    const warnings = log.messages('warning')
    assert.equal(warnings.length, 2)
    assert.match(warnings[0], /^Pattern 'reports\/\*\.xlsx' in input 'artifacts' matched 2 files, none of a type that is read \(\.csv, /)
    assert.match(warnings[1], /^No artifact file was read: all 2 files matched by input 'artifacts' were skipped/)
  })

  it('patterns on one line hinted', async () => {
    const { log } = await collectWith({ 'reports/a.csv': CSV }, ['reports/** csv_data/**'])
    assert.match(log.messages('warning')[0], /It contains white space: write one pattern per line\.$/)
  })

  it('unsupported type without files', async () => {
    const { log } = await collectWith({ 'reports/c.csv': CSV }, ['reports/*.xlsx'])
    assert.match(log.messages('warning')[0], /^Pattern 'reports\/\*\.xlsx' in input 'artifacts' matched no file;/)
  })

  it('exclusion removing everything', async () => {
    const { paths, log } = await collectWith({ 'reports/a.csv': CSV }, ['reports/**', '!reports/**'])
    assert.deepEqual(paths, [])
    const warnings = log.messages('warning')
    assert.equal(warnings.length, 2)
    assert.equal(warnings[0], "Pattern 'reports/**' in input 'artifacts' matched no file that the exclusions after it leave in; patterns are relative to the workspace root.")
    assert.match(warnings[1], /^No artifact file was read/)
  })

  it('only exclusions given', async () => {
    const { paths, log } = await collectWith({ 'reports/a.csv': CSV }, ['!reports/**'])
    assert.deepEqual(paths, [])
    const warnings = log.messages('warning')
    assert.equal(warnings.length, 2)
    assert.match(warnings[0], /^Exclusion '!reports\/\*\*' in input 'artifacts' comes before every include pattern, so it excludes nothing/)
    assert.match(warnings[1], /^No artifact file was read/)
  })

  it('exclusion before includes ignored', async () => {
    // @actions/glob applies an exclusion only to the patterns above it, so the file is still read.
    const { paths, log } = await collectWith({ 'reports/old/a.csv': CSV, 'reports/b.csv': CSV }, ['!reports/old/**', 'reports/**'])
    assert.deepEqual(paths, ['reports/b.csv', 'reports/old/a.csv'])
    assert.equal(log.messages('warning').length, 1)
    assert.match(log.messages('warning')[0], /^Exclusion '!reports\/old\/\*\*'/)
  })

  it('later include re-adds excluded file', async () => {
    const files = { 'reports/a.csv': CSV, 'reports/old/b.csv': CSV, 'reports/old/keep.csv': CSV }
    const { paths, log } = await collectWith(files, ['reports/**', '!reports/old/**', 'reports/old/keep.csv'])
    assert.deepEqual(paths, ['reports/a.csv', 'reports/old/keep.csv'])
    assert.deepEqual(log.messages('warning'), [])
  })

  it('every match skipped warned', async () => {
    const { paths, log } = await collectWith({ 'reports/utf16.csv': Buffer.from([0xff, 0xfe, 0x61, 0x00]) }, ['reports/**'])
    assert.deepEqual(paths, [])
    assert.deepEqual(log.messages('warning'), [
      "No artifact file was read: the only file matched by input 'artifacts' was skipped (see the skipped files). The report has no benchmark data, and the regression gate has nothing to check."
    ])
  })
})

describe('default and baseline patterns', () => {
  const defaults = ['reports/**', 'csv_data/**', 'artifacts/**']

  it('empty default folders only logged', async () => {
    const { paths, log } = await collectWith({ 'reports/a.csv': CSV }, defaults)
    assert.deepEqual(paths, ['reports/a.csv'])
    assert.deepEqual(log.messages('warning'), [])
    assert.ok(log.messages('info').some(message => message.startsWith("Pattern 'csv_data/**' in input 'artifacts' matched no file")))
  })

  it('defaults with no artifacts warned', async () => {
    const { log } = await collectWith({ 'README.md': '# x\n' }, defaults)
    const warnings = log.messages('warning')
    assert.equal(warnings.length, 1)
    assert.match(warnings[0], /^No artifact file was read: the patterns in input 'artifacts' \('reports\/\*\*', 'csv_data\/\*\*', 'artifacts\/\*\*'\) matched no file\./)
  })

  it('empty baseline tree only logged', async () => {
    const { log } = await collectWith({ '.gitkeep': '' }, ['nomatch/**'], { baseline: true })
    assert.deepEqual(log.messages('warning'), [])
    assert.ok(log.messages('info').some(message => message.startsWith('Base tree: No artifact file was read')))
    assert.ok(log.messages('info').some(message => message.startsWith("Pattern 'nomatch/**'")))
  })
})
