import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { copyFile, mkdir, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, it } from 'node:test'
import { collectArtifacts, type Collection } from '../src/collect/index.js'
import { MemoryLogger } from '../src/logger.js'
import { caseFile, collectSettings, readAll, sharedMissing, sharedRoot, temporaryFolder } from './support/collect-helpers.js'

const noShared = sharedMissing(path.join(sharedRoot, 'cases'))

/** Writes files given as `{ 'reports/a.csv': 'content' }` under `root`. */
async function writeTree(root: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(root, relative)
    await mkdir(path.dirname(file), { recursive: true })
    await writeFile(file, content)
  }
}

function skippedReason(collection: Collection, relative: string): string {
  const entry = collection.skipped.find(skipped => skipped.path === relative)
  assert.ok(entry, `${relative} is not in the skipped list: ${JSON.stringify(collection.skipped)}`)
  return entry.reason
}

function matchedCount(collection: Collection): number {
  return Object.values(collection.foundByExtension).reduce((total, count) => total + count, 0)
}

describe('symbolic links', { skip: noShared }, () => {
  async function linkedWorkspace() {
    const outside = await temporaryFolder('collect-outside')
    await writeFile(path.join(outside.folder, 'decoy.json'), '{"series": "decoy", "samples": [1]}')
    const workspace = await temporaryFolder('collect-links')
    const root = workspace.folder
    await mkdir(path.join(root, 'artifacts/run-42'), { recursive: true })
    await copyFile(caseFile('B13', 'artifacts/run-42/result.json'), path.join(root, 'artifacts/run-42/result.json'))
    await symlink('run-42', path.join(root, 'artifacts/latest'))
    await symlink('..', path.join(root, 'artifacts/run-42/up'))
    await symlink(outside.folder, path.join(root, 'artifacts/outside'))
    await symlink(path.join(outside.folder, 'decoy.json'), path.join(root, 'artifacts/decoy.json'))
    await symlink('run-42/result.json', path.join(root, 'artifacts/alias.json'))
    await symlink('loop.json', path.join(root, 'artifacts/loop.json'))
    return {
      root,
      remove: async () => {
        await workspace.remove()
        await outside.remove()
      }
    }
  }

  for (const patterns of [['artifacts/**'], ['artifacts/**/*.json']]) {
    it(`links under ${patterns[0]}`, async () => {
      const { root, remove } = await linkedWorkspace()
      try {
        const log = new MemoryLogger()
        const started = performance.now()
        const collection = await collectArtifacts(root, collectSettings({ patterns }), log)
        assert.ok(performance.now() - started < 5000)

        assert.deepEqual(
          collection.files.map(file => file.path),
          ['artifacts/run-42/result.json']
        )
        assert.match(skippedReason(collection, 'artifacts/decoy.json'), /outside the workspace/)
        assert.match(skippedReason(collection, 'artifacts/alias.json'), /same file as artifacts\/run-42\/result.json/)
        assert.match(skippedReason(collection, 'artifacts/loop.json'), /cycle/)
        assert.equal(
          collection.files.some(file => file.realPath.includes('decoy')),
          false
        )
        // Only `**` matches the link to the outside folder itself; a `*.json` pattern never reaches it.
        const warned = patterns[0] === 'artifacts/**' ? ['artifacts/decoy.json', 'artifacts/loop.json', 'artifacts/outside'] : ['artifacts/decoy.json', 'artifacts/loop.json']
        assert.deepEqual(
          collection.warnings.map(warning => warning.path).sort(),
          warned
        )
        assert.equal(matchedCount(collection), collection.files.length + collection.skipped.length)

        const { tables } = await readAll(collection.files[0])
        assert.deepEqual(
          tables.find(table => table.location === 'samples')?.rows.map(row => row.cells[0]),
          [100, 110, 120]
        )
      } finally {
        await remove()
      }
    })
  }

  it('directory links not followed', async () => {
    const { root, remove } = await linkedWorkspace()
    try {
      const collection = await collectArtifacts(root, collectSettings({ patterns: ['artifacts/**'] }), new MemoryLogger())
      assert.match(skippedReason(collection, 'artifacts/latest'), /link to a directory/)
      assert.match(skippedReason(collection, 'artifacts/run-42/up'), /link to a directory/)
      assert.match(skippedReason(collection, 'artifacts/outside'), /outside the workspace/)
      assert.equal(
        collection.skipped.some(skipped => skipped.path.includes('decoy.json') && skipped.path !== 'artifacts/decoy.json'),
        false
      )
    } finally {
      await remove()
    }
  })
})

describe('artifact guards', () => {
  it('unsupported files counted and skipped', async () => {
    const { folder, remove } = await temporaryFolder('collect-types')
    try {
      await writeTree(folder, {
        'reports/a.csv': 'x,y\n1,2\n',
        'reports/b.TSV': 'x\ty\n1\t2\n',
        'reports/c.ndjson': '{"x": 1}\n',
        'reports/d.markdown': '# d\n',
        'reports/plot.png': 'not really a png',
        'reports/.gitkeep': '',
        'csv_data/e.json': '{}',
        'elsewhere/f.csv': 'x\n1\n'
      })
      const collection = await collectArtifacts(folder, collectSettings(), new MemoryLogger())
      assert.deepEqual(
        collection.files.map(file => [file.path, file.format]),
        [
          ['csv_data/e.json', 'json'],
          ['reports/a.csv', 'csv'],
          ['reports/b.TSV', 'tsv'],
          ['reports/c.ndjson', 'jsonl'],
          ['reports/d.markdown', 'markdown']
        ]
      )
      assert.deepEqual(collection.foundByExtension, { csv: 1, json: 1, markdown: 1, ndjson: 1, other: 1, png: 1, tsv: 1 })
      assert.match(skippedReason(collection, 'reports/plot.png'), /unsupported file type/)
      assert.equal(collection.history, 'filesystem')
      assert.equal(collection.workspace, folder)
    } finally {
      await remove()
    }
  })

  it('utf-16 and nul files skipped', async () => {
    const { folder, remove } = await temporaryFolder('collect-binary')
    try {
      const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('series,latency_ms\nchat,1\n', 'utf16le')])
      const mangled = Buffer.concat([Buffer.from('ÿþ', 'utf8'), Buffer.from('==ERROR== bad option\n', 'utf16le')])
      await writeTree(folder, {
        'reports/utf16.csv': utf16,
        'reports/mangled.csv': mangled,
        'reports/nobom.csv': Buffer.from('series,latency_ms\n', 'utf16le'),
        'reports/binary.json': Buffer.from([0x7b, 0x00, 0x01, 0x02, 0x7d]),
        'reports/latin1.csv': Buffer.from([0x61, 0x0a, 0xb5, 0x73, 0x0a]),
        'reports/good.csv': 'a\n1\n'
      })
      const log = new MemoryLogger()
      const collection = await collectArtifacts(folder, collectSettings(), log)
      assert.deepEqual(
        collection.files.map(file => file.path),
        ['reports/good.csv']
      )
      assert.match(skippedReason(collection, 'reports/utf16.csv'), /UTF-16 byte order mark/)
      assert.match(skippedReason(collection, 'reports/mangled.csv'), /starts with a UTF-16 byte order mark stored as UTF-8 bytes C3 BF C3 BE; convert the file to UTF-8/)
      assert.match(skippedReason(collection, 'reports/nobom.csv'), /UTF-16 text/)
      assert.match(skippedReason(collection, 'reports/binary.json'), /NUL byte on line 1/)
      assert.match(skippedReason(collection, 'reports/latin1.csv'), /invalid UTF-8 on line 2/)
      assert.equal(collection.warnings.length, 5)
      assert.ok(log.messages('info').some(message => message.includes('reports/utf16.csv')))
    } finally {
      await remove()
    }
  })

  it('oversize file skipped', async () => {
    const { folder, remove } = await temporaryFolder('collect-size')
    try {
      await writeTree(folder, { 'reports/big.csv': 'a\n'.repeat(50), 'reports/small.csv': 'a\n1\n' })
      const collection = await collectArtifacts(folder, collectSettings({ maxFileBytes: 10 }), new MemoryLogger())
      assert.deepEqual(
        collection.files.map(file => file.path),
        ['reports/small.csv']
      )
      assert.match(skippedReason(collection, 'reports/big.csv'), /max-file-size limit \(100 bytes > 10 bytes\)/)
      assert.equal(collection.warnings[0].path, 'reports/big.csv')
    } finally {
      await remove()
    }
  })

  it('max files limit', async () => {
    const { folder, remove } = await temporaryFolder('collect-count')
    try {
      await writeTree(folder, Object.fromEntries(['e', 'b', 'd', 'a', 'c'].map(name => [`reports/${name}.csv`, 'x\n1\n'])))
      const log = new MemoryLogger()
      const collection = await collectArtifacts(folder, collectSettings({ maxFiles: 3 }), log)
      assert.deepEqual(
        collection.files.map(file => file.path),
        ['reports/a.csv', 'reports/b.csv', 'reports/c.csv']
      )
      assert.deepEqual(
        collection.skipped.map(skipped => skipped.path),
        ['reports/d.csv', 'reports/e.csv']
      )
      assert.match(skippedReason(collection, 'reports/d.csv'), /max-files limit of 3 files/)
      assert.equal(log.messages('warning').length, 1)
      assert.match(log.messages('warning')[0], /^2 artifact files were left out because the max-files limit/)
    } finally {
      await remove()
    }
  })

  it('max total size limit', async () => {
    const { folder, remove } = await temporaryFolder('collect-total')
    try {
      await writeTree(folder, { 'reports/a.csv': 'x\n1\n', 'reports/b.csv': 'x\n22\n', 'reports/c.csv': 'x\n3\n' })
      const collection = await collectArtifacts(folder, collectSettings({ maxTotalBytes: 8 }), new MemoryLogger())
      assert.deepEqual(
        collection.files.map(file => file.path),
        ['reports/a.csv']
      )
      assert.match(skippedReason(collection, 'reports/b.csv'), /max-total-size limit of 8 bytes/)
      assert.match(skippedReason(collection, 'reports/c.csv'), /max-total-size limit/)
    } finally {
      await remove()
    }
  })

  it('fifo is not read', async t => {
    const { folder, remove } = await temporaryFolder('collect-fifo')
    try {
      await mkdir(path.join(folder, 'reports'))
      try {
        execFileSync('mkfifo', [path.join(folder, 'reports/pipe.csv')])
      } catch {
        t.skip('mkfifo is not available')
        return
      }
      const collection = await collectArtifacts(folder, collectSettings(), new MemoryLogger())
      assert.equal(collection.files.length, 0)
      assert.match(skippedReason(collection, 'reports/pipe.csv'), /not a regular file/)
    } finally {
      await remove()
    }
  })
})

describe('artifact patterns', () => {
  it('exclusions and custom patterns', async () => {
    const { folder, remove } = await temporaryFolder('collect-patterns')
    try {
      await writeTree(folder, { 'bench/a.csv': 'x\n1\n', 'bench/old/b.csv': 'x\n1\n', 'bench/c.json': '{}', 'reports/d.csv': 'x\n1\n' })
      const collection = await collectArtifacts(folder, collectSettings({ patterns: ['bench/**/*.csv', '!bench/old/**'] }), new MemoryLogger())
      assert.deepEqual(
        collection.files.map(file => file.path),
        ['bench/a.csv']
      )
    } finally {
      await remove()
    }
  })

  it('pattern outside workspace ignored', async () => {
    const { folder, remove } = await temporaryFolder('collect-escape')
    try {
      await writeTree(folder, { 'ws/reports/a.csv': 'x\n1\n', 'secret/key.csv': 'x\n1\n' })
      const log = new MemoryLogger()
      const root = path.join(folder, 'ws')
      const collection = await collectArtifacts(root, collectSettings({ patterns: ['reports/**', '../secret/**', path.join(folder, 'secret/**')] }), log)
      assert.deepEqual(
        collection.files.map(file => file.path),
        ['reports/a.csv']
      )
      assert.equal(log.messages('warning').length, 2)
      assert.match(log.messages('warning')[0], /points outside the workspace/)
    } finally {
      await remove()
    }
  })

  it('glob characters in workspace path', async () => {
    const { folder, remove } = await temporaryFolder('collect-escape')
    try {
      const root = path.join(folder, 'ws[1]*?')
      await writeTree(root, { 'reports/a.csv': 'x\n1\n' })
      await writeTree(folder, { 'ws1x/reports/b.csv': 'x\n1\n' })
      const collection = await collectArtifacts(root, collectSettings(), new MemoryLogger())
      assert.deepEqual(
        collection.files.map(file => file.path),
        ['reports/a.csv']
      )
    } finally {
      await remove()
    }
  })

  it('missing workspace fails clearly', async () => {
    await assert.rejects(collectArtifacts('/nonexistent/workspace', collectSettings(), new MemoryLogger()), /Workspace '\/nonexistent\/workspace' cannot be read: ENOENT/)
  })

  it('no stray debug lines on stdout', async () => {
    const { folder, remove } = await temporaryFolder('collect-stdout')
    const written: string[] = []
    const original = process.stdout.write
    process.stdout.write = ((chunk: string | Uint8Array) => {
      written.push(String(chunk))
      return true
    }) as typeof process.stdout.write
    let log: MemoryLogger
    try {
      log = new MemoryLogger()
      // A pattern with a glob character goes through @actions/glob, while a plain `folder/**` is listed directly.
      await collectArtifacts(folder, collectSettings({ patterns: ['reports/*.csv'] }), log)
    } finally {
      process.stdout.write = original
      await remove()
    }
    assert.deepEqual(
      written.filter(line => line.startsWith('::debug::')),
      []
    )
    assert.ok(log.messages('debug').some(message => message.startsWith('followSymbolicLinks')))
  })
})
