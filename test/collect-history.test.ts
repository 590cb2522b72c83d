import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { chmod, mkdir, readFile, stat, utimes, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, it } from 'node:test'
import { collectArtifacts, type Collection } from '../src/collect/index.js'
import { MemoryLogger } from '../src/logger.js'
import { collectSettings, temporaryFolder } from './support/collect-helpers.js'

const GIT_IDENTITY = ['-c', 'user.name=Bench Bot', '-c', 'user.email=bench@example.invalid', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main']

function git(cwd: string, args: string[], date?: string): string {
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' }
  if (date !== undefined) Object.assign(env, { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date })
  return execFileSync('git', [...GIT_IDENTITY, ...args], { cwd, env, encoding: 'utf8' })
}

async function write(root: string, relative: string, content: string): Promise<void> {
  await mkdir(path.dirname(path.join(root, relative)), { recursive: true })
  await writeFile(path.join(root, relative), content)
}

function fileIn(collection: Collection, relative: string) {
  const file = collection.files.find(candidate => candidate.path === relative)
  assert.ok(file, `${relative} was not collected`)
  return file
}

/** Creates a repository with three commits: a and b, then b again, then c. */
async function threeCommitRepository(root: string): Promise<void> {
  git(root, ['init', '-q'])
  await write(root, 'reports/a.csv', 'x\n1\n')
  await write(root, 'reports/b.csv', 'x\n2\n')
  git(root, ['add', '.'])
  git(root, ['commit', '-q', '-m', 'first'], '2024-01-01T00:00:00Z')
  await write(root, 'reports/b.csv', 'x\n3\n')
  git(root, ['commit', '-q', '-am', 'second'], '2024-02-01T12:00:00+02:00')
  await write(root, 'reports/c.csv', 'x\n4\n')
  git(root, ['add', '.'])
  git(root, ['commit', '-q', '-m', 'third'], '2024-03-01T08:30:00Z')
}

describe('modification times', () => {
  it('commits give per-file times', async () => {
    const { folder, remove } = await temporaryFolder('collect-git')
    try {
      await threeCommitRepository(folder)
      const collection = await collectArtifacts(folder, collectSettings(), new MemoryLogger())
      assert.equal(collection.history, 'git')
      assert.deepEqual(
        collection.files.map(file => [file.path, file.timeSource, file.modifiedAt]),
        [
          ['reports/a.csv', 'git', '2024-01-01T00:00:00.000Z'],
          ['reports/b.csv', 'git', '2024-02-01T10:00:00.000Z'],
          ['reports/c.csv', 'git', '2024-03-01T08:30:00.000Z']
        ]
      )
      const blob = git(folder, ['hash-object', 'reports/b.csv']).trim()
      assert.equal(fileIn(collection, 'reports/b.csv').blob, blob)
    } finally {
      await remove()
    }
  })

  it('untracked and modified use mtime', async () => {
    const { folder, remove } = await temporaryFolder('collect-git-dirty')
    try {
      await threeCommitRepository(folder)
      await write(folder, 'reports/new.csv', 'x\n5\n')
      await write(folder, 'reports/a.csv', 'x\n6\n')
      const mtime = new Date('2025-05-05T05:05:05.000Z')
      await utimes(path.join(folder, 'reports/new.csv'), mtime, mtime)
      const log = new MemoryLogger()
      const collection = await collectArtifacts(folder, collectSettings(), log)
      const untracked = fileIn(collection, 'reports/new.csv')
      assert.equal(untracked.timeSource, 'filesystem')
      assert.equal(untracked.modifiedAt, '2025-05-05T05:05:05.000Z')
      assert.equal(untracked.blob, null)
      const modified = fileIn(collection, 'reports/a.csv')
      assert.equal(modified.timeSource, 'filesystem')
      assert.equal(modified.blob, null)
      assert.equal(fileIn(collection, 'reports/b.csv').timeSource, 'git')
      assert.ok(log.messages('info').some(message => message.startsWith('2 artifact files are untracked or differ from the last commit')))
    } finally {
      await remove()
    }
  })

  it('shallow clone gives unknown times', async () => {
    const { folder, remove } = await temporaryFolder('collect-shallow')
    try {
      const origin = path.join(folder, 'origin')
      await mkdir(origin)
      await threeCommitRepository(origin)
      git(folder, ['clone', '-q', '--depth', '2', `file://${origin}`, 'clone'])
      const collection = await collectArtifacts(path.join(folder, 'clone'), collectSettings(), new MemoryLogger())
      assert.equal(collection.history, 'shallow-git')
      assert.deepEqual(
        collection.files.map(file => [file.path, file.timeSource, file.modifiedAt]),
        [
          ['reports/a.csv', 'unknown', null],
          ['reports/b.csv', 'unknown', null],
          ['reports/c.csv', 'git', '2024-03-01T08:30:00.000Z']
        ]
      )
      assert.notEqual(fileIn(collection, 'reports/a.csv').blob, null)
    } finally {
      await remove()
    }
  })

  it('workspace below repository top', async () => {
    const { folder, remove } = await temporaryFolder('collect-subdir')
    try {
      await threeCommitRepository(folder)
      await write(folder, 'bench/reports/d.csv', 'x\n7\n')
      git(folder, ['add', '.'])
      git(folder, ['commit', '-q', '-m', 'fourth'], '2024-04-01T00:00:00Z')
      const collection = await collectArtifacts(path.join(folder, 'bench'), collectSettings(), new MemoryLogger())
      assert.deepEqual(
        collection.files.map(file => [file.path, file.timeSource, file.modifiedAt]),
        [['reports/d.csv', 'git', '2024-04-01T00:00:00.000Z']]
      )
    } finally {
      await remove()
    }
  })

  it('outside git uses filesystem', async () => {
    const { folder, remove } = await temporaryFolder('collect-nogit')
    try {
      await write(folder, 'reports/a.csv', 'x\n1\n')
      const log = new MemoryLogger()
      const collection = await collectArtifacts(folder, collectSettings(), log)
      const { mtime } = await stat(path.join(folder, 'reports/a.csv'))
      assert.equal(collection.history, 'filesystem')
      assert.equal(collection.files[0].timeSource, 'filesystem')
      assert.equal(collection.files[0].modifiedAt, mtime.toISOString())
      assert.ok(log.messages('info').some(message => message.includes('not a git repository')))
    } finally {
      await remove()
    }
  })

  it('missing git uses filesystem', async () => {
    const { folder, remove } = await temporaryFolder('collect-gitless')
    const originalPath = process.env.PATH
    try {
      await threeCommitRepository(folder)
      const emptyBin = path.join(folder, 'empty-bin')
      await mkdir(emptyBin)
      process.env.PATH = emptyBin
      const log = new MemoryLogger()
      const collection = await collectArtifacts(folder, collectSettings(), log)
      assert.equal(collection.history, 'filesystem')
      assert.equal(collection.files[0].timeSource, 'filesystem')
      assert.ok(log.messages('info').some(message => message.includes('git is not installed')))
    } finally {
      process.env.PATH = originalPath
      await remove()
    }
  })

  it('one git log for all files', async () => {
    const { folder, remove } = await temporaryFolder('collect-gitcalls')
    const originalPath = process.env.PATH
    try {
      const repository = path.join(folder, 'repo')
      await mkdir(repository)
      git(repository, ['init', '-q'])
      for (let index = 0; index < 40; index++) {
        await write(repository, `reports/run-${index}.csv`, `x\n${index}\n`)
        git(repository, ['add', '.'])
        git(repository, ['commit', '-q', '-m', `run ${index}`], `2024-01-01T00:${String(index).padStart(2, '0')}:00Z`)
      }
      const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim()
      const bin = path.join(folder, 'bin')
      const calls = path.join(folder, 'calls.txt')
      await mkdir(bin)
      await writeFile(path.join(bin, 'git'), `#!/bin/sh\necho "$*" >> '${calls}'\nexec '${realGit}' "$@"\n`)
      await chmod(path.join(bin, 'git'), 0o755)
      process.env.PATH = `${bin}:${originalPath}`

      const collection = await collectArtifacts(repository, collectSettings(), new MemoryLogger())
      assert.equal(collection.files.length, 40)
      assert.equal(fileIn(collection, 'reports/run-7.csv').modifiedAt, '2024-01-01T00:07:00.000Z')
      const invoked = (await readFile(calls, 'utf8')).trim().split('\n')
      assert.equal(invoked.filter(call => / log /.test(` ${call} `)).length, 1)
      assert.ok(invoked.length <= 4, `git ran ${invoked.length} times`)
    } finally {
      process.env.PATH = originalPath
      await remove()
    }
  })
})
