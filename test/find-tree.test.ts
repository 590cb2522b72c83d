import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdir, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, it } from 'node:test'
import { choosePathspecs } from '../src/collect/history.js'
import { collectArtifacts, type Collection } from '../src/collect/index.js'
import { MemoryLogger } from '../src/logger.js'
import { collectSettings, temporaryFolder } from './support/collect-helpers.js'

/** An exclusion after the include pattern, which makes discovery use `@actions/glob` for it. */
const NO_OP_EXCLUSION = '!no-such-folder/**'

/** Builds a tree with hidden entries, odd names and every kind of symbolic link. */
async function trickyTree(root: string): Promise<void> {
  const files: Record<string, string> = {
    'artifacts/a.csv': 'x\n1\n',
    'artifacts/.hidden.csv': 'x\n2\n',
    'artifacts/.hidden-dir/b.json': '{"x": [1, 2]}',
    'artifacts/deep/x/y/z.csv': 'x\n3\n',
    'artifacts/we[ir]d*.csv': 'x\n4\n',
    'artifacts/sp ace?.json': '{"x": 5}',
    'artifacts/brace{1,2}.csv': 'x\n6\n',
    'artifacts/back\\slash.csv': 'x\n7\n',
    'artifacts/notes.txt': 'not an artifact',
    'other/c.csv': 'x\n8\n'
  }
  for (const [relative, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, relative)), { recursive: true })
    await writeFile(path.join(root, relative), content)
  }
  await mkdir(path.join(root, 'artifacts/empty'))
  await symlink('a.csv', path.join(root, 'artifacts/link-file.csv'))
  await symlink('deep', path.join(root, 'artifacts/link-dir'))
  await symlink('missing.csv', path.join(root, 'artifacts/broken.csv'))
  await symlink('loop.csv', path.join(root, 'artifacts/loop.csv'))
  await symlink('..', path.join(root, 'artifacts/deep/up'))
  await symlink('artifacts', path.join(root, 'linked-artifacts'))
}

/** Returns the parts of a collection that discovery decides, without the modification times. */
function discovered(collection: Collection) {
  return {
    files: collection.files.map(file => [file.path, file.realPath, file.format, file.size]),
    skipped: collection.skipped,
    foundByExtension: collection.foundByExtension,
    warnings: collection.warnings
  }
}

describe('tree listing', () => {
  const patterns = ['artifacts/**', '**', 'artifacts/deep/**', 'artifacts/a.csv/**', 'missing/**', 'artifacts/link-dir/**', 'linked-artifacts/**', 'linked-artifacts/deep/**']
  for (const pattern of patterns) {
    it(`same files as @actions/glob: ${pattern}`, async () => {
      const { folder, remove } = await temporaryFolder('find-tree')
      try {
        await trickyTree(folder)
        const listed = new MemoryLogger()
        const direct = await collectArtifacts(folder, collectSettings({ patterns: [pattern] }), listed)
        const globbed = await collectArtifacts(folder, collectSettings({ patterns: [pattern, NO_OP_EXCLUSION] }), new MemoryLogger())

        assert.deepEqual(discovered(direct), discovered(globbed))
        assert.ok(listed.messages('debug').some(message => message.includes('listing them directly')))
      } finally {
        await remove()
      }
    })
  }

  it('folder reached through a link', async () => {
    const { folder, remove } = await temporaryFolder('find-tree-linked')
    try {
      await trickyTree(folder)
      const patterns = ['artifacts/**', 'linked-artifacts/deep/**']
      const direct = await collectArtifacts(folder, collectSettings({ patterns }), new MemoryLogger())
      const globbed = await collectArtifacts(folder, collectSettings({ patterns: [...patterns, NO_OP_EXCLUSION] }), new MemoryLogger())
      assert.deepEqual(discovered(direct), discovered(globbed))
      assert.deepEqual(
        direct.skipped.find(file => file.path === 'linked-artifacts/deep/x/y/z.csv'),
        { path: 'linked-artifacts/deep/x/y/z.csv', reason: 'same file as artifacts/deep/x/y/z.csv (reached through a symbolic link); read once' }
      )
    } finally {
      await remove()
    }
  })

  it('fifo listed like @actions/glob', async t => {
    const { folder, remove } = await temporaryFolder('find-tree-fifo')
    try {
      await mkdir(path.join(folder, 'artifacts'))
      try {
        execFileSync('mkfifo', [path.join(folder, 'artifacts/pipe.csv')])
      } catch {
        t.skip('mkfifo is not available')
        return
      }
      const direct = await collectArtifacts(folder, collectSettings({ patterns: ['artifacts/**'] }), new MemoryLogger())
      const globbed = await collectArtifacts(folder, collectSettings({ patterns: ['artifacts/**', NO_OP_EXCLUSION] }), new MemoryLogger())
      assert.deepEqual(discovered(direct), discovered(globbed))
      assert.deepEqual(direct.skipped, [{ path: 'artifacts/pipe.csv', reason: 'not a regular file' }])
    } finally {
      await remove()
    }
  })

  it('name not valid UTF-8 skipped', async () => {
    const { folder, remove } = await temporaryFolder('find-tree-name')
    try {
      await mkdir(path.join(folder, 'artifacts'))
      await writeFile(path.join(folder, 'artifacts/ok.csv'), 'x\n1\n')
      await writeFile(Buffer.concat([Buffer.from(path.join(folder, 'artifacts/bad')), Buffer.from([0xff]), Buffer.from('.csv')]), 'x\n2\n')
      const collection = await collectArtifacts(folder, collectSettings({ patterns: ['artifacts/**'] }), new MemoryLogger())
      assert.deepEqual(
        collection.files.map(file => file.path),
        ['artifacts/ok.csv']
      )
      assert.deepEqual(collection.skipped, [{ path: 'artifacts/bad\ufffd.csv', reason: 'file name is not valid UTF-8, so it cannot be opened; rename the file' }])
    } finally {
      await remove()
    }
  })

  it('glob characters use @actions/glob', async () => {
    const { folder, remove } = await temporaryFolder('find-tree-glob')
    try {
      await trickyTree(folder)
      const log = new MemoryLogger()
      const collection = await collectArtifacts(folder, collectSettings({ patterns: ['artifacts/dee?/**'] }), log)
      assert.equal(log.messages('debug').some(message => message.includes('listing them directly')), false)
      assert.deepEqual(
        collection.files.map(file => file.path),
        ['artifacts/deep/x/y/z.csv']
      )
    } finally {
      await remove()
    }
  })
})

describe('git pathspecs', () => {
  /** True when `key` is the pathspec or lies in the folder it names. */
  function covers(spec: string, key: string): boolean {
    return spec === '.' || key === spec || key.startsWith(`${spec}/`)
  }

  it('few files passed as they are', () => {
    const keys = ['reports/a.csv', 'reports/b.csv', 'top.json']
    assert.deepEqual(choosePathspecs(keys), keys)
  })

  it('many files collapse to folders', () => {
    const keys: string[] = []
    for (let suite = 0; suite < 40; suite++) {
      for (let run = 0; run < 25; run++) keys.push(`artifacts/suite-${suite}/run-${run}/bench.csv`, `artifacts/suite-${suite}/run-${run}/bench.json`)
    }
    const specs = choosePathspecs(keys)
    assert.deepEqual(
      specs,
      Array.from({ length: 40 }, (_, suite) => `artifacts/suite-${suite}`)
    )
  })

  it('every file stays covered', () => {
    const keys = ['a/b/c/d.csv', 'a/b/e.csv', 'f.csv', ...Array.from({ length: 100 }, (_, index) => `g/${index}/h.csv`)]
    const specs = choosePathspecs(keys)
    assert.ok(specs.length <= 64, `${specs.length} pathspecs`)
    for (const key of keys) assert.ok(specs.some(spec => covers(spec, key)), `${key} is not covered by ${specs.join(', ')}`)
  })

  it('no pathspec inside another', () => {
    const keys = ['a/x.csv', ...Array.from({ length: 100 }, (_, index) => `a/b/${index}/y.csv`)]
    const specs = choosePathspecs(keys)
    for (const spec of specs) {
      assert.equal(
        specs.some(other => other !== spec && covers(other, spec)),
        false,
        `${spec} lies inside another pathspec of ${specs.join(', ')}`
      )
    }
  })

  it('top-level files give the workspace', () => {
    const keys = Array.from({ length: 100 }, (_, index) => `file-${index}.csv`)
    assert.deepEqual(choosePathspecs(keys), ['.'])
  })

  it('long paths collapse to folders', () => {
    const folder = 'x'.repeat(200)
    const keys = Array.from({ length: 60 }, (_, index) => `${folder}/${'y'.repeat(3000)}-${index}.csv`)
    assert.deepEqual(choosePathspecs(keys), [folder])
  })
})
