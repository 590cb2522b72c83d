/**
 * loadBaseline on real git repositories in temporary folders: a local "origin" and a
 * shallow clone of it that lacks the base commit, as actions/checkout leaves it.
 */
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { createPathFilter, loadBaseline, type BaselineContext } from '../src/compare/index.js'
import { MemoryLogger } from '../src/logger.js'
import { InputError } from '../src/settings/index.js'
import { gateSettings } from './support/compare-fixtures.js'

const PATTERNS = ['reports/**', 'csv_data/**', 'artifacts/**']
const temporary = mkdtempSync(join(tmpdir(), 'compare-baseline-'))
after(() => rmSync(temporary, { recursive: true, force: true }))

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com' }
  }).trim()
}

function write(root: string, file: string, content: string | Buffer): void {
  mkdirSync(dirname(join(root, file)), { recursive: true })
  writeFileSync(join(root, file), content)
}

function initRepository(name: string): string {
  const root = join(temporary, name)
  mkdirSync(root)
  git(root, 'init', '--quiet', '--initial-branch=main')
  return root
}

function commitAll(root: string, message: string): string {
  git(root, 'add', '--all')
  git(root, 'commit', '--quiet', '--message', message)
  return git(root, 'rev-parse', 'HEAD')
}

/** A large file, bigger than one pipe chunk, so the `cat-file --batch` reader joins chunks. */
const LARGE = Buffer.from(Array.from({ length: 40_000 }, (_, index) => `chat,${100 + (index % 50)}\n`).join(''))

describe('loadBaseline from git', () => {
  let origin = ''
  let clone = ''
  let baseSha = ''
  let headSha = ''

  before(() => {
    origin = initRepository('origin')
    write(origin, 'README.md', '# project\n')
    write(origin, 'reports/latency.csv', 'series,latency_ms\nchat,100\nchat,110\n')
    write(origin, 'reports/ollama/20251008-122911/runs.csv', 'series,latency_ms\nchat,90\n')
    write(origin, 'reports/empty.csv', '')
    write(origin, 'reports/large.csv', LARGE)
    write(origin, 'csv_data/binary.bin', Buffer.from([0, 1, 2, 255, 10, 13, 0]))
    write(origin, 'other/notes.csv', 'series,latency_ms\nchat,1\n')
    symlinkSync('../README.md', join(origin, 'reports/readme-link.md'))
    baseSha = commitAll(origin, 'Base')
    git(origin, 'branch', 'release')

    write(origin, 'reports/latency.csv', 'series,latency_ms\nchat,200\nchat,210\n')
    headSha = commitAll(origin, 'Pull request')
    // GitHub serves any reachable commit by SHA; a local origin needs this setting for it.
    git(origin, 'config', 'uploadpack.allowReachableSHA1InWant', 'true')

    git(temporary, 'clone', '--quiet', '--depth=1', '--single-branch', '--branch', 'main', `file://${origin}`, 'clone')
    clone = join(temporary, 'clone')
  })

  function context(overrides: Partial<BaselineContext> = {}): BaselineContext {
    return { workspace: clone, eventName: 'pull_request', baseSha, defaultBranch: 'main', ...overrides }
  }

  it('shallow clone lacks base commit', () => {
    assert.throws(() => git(clone, 'cat-file', '-e', `${baseSha}^{commit}`))
    assert.equal(git(clone, 'rev-parse', 'HEAD'), headSha)
  })

  it('pull request base is fetched and written', async () => {
    const log = new MemoryLogger()
    const tree = await loadBaseline(gateSettings(), context(), PATTERNS, log)
    try {
      assert.equal(tree.source.kind, 'git')
      assert.equal(tree.source.commit, baseSha)
      assert.equal(tree.source.ref, baseSha)
      assert.ok(tree.root !== null)
      assert.equal(readFileSync(join(tree.root, 'reports/latency.csv'), 'utf8'), 'series,latency_ms\nchat,100\nchat,110\n')
      assert.equal(readFileSync(join(tree.root, 'reports/ollama/20251008-122911/runs.csv'), 'utf8'), 'series,latency_ms\nchat,90\n')
      assert.equal(readFileSync(join(tree.root, 'reports/empty.csv'), 'utf8'), '')
      assert.deepEqual(readFileSync(join(tree.root, 'reports/large.csv')), LARGE)
      assert.deepEqual(readFileSync(join(tree.root, 'csv_data/binary.bin')), Buffer.from([0, 1, 2, 255, 10, 13, 0]))
      assert.equal(existsSync(join(tree.root, 'README.md')), false, 'README.md is outside the patterns')
      assert.equal(existsSync(join(tree.root, 'other')), false, 'other/ is outside the patterns')
      assert.equal(existsSync(join(tree.root, 'reports/readme-link.md')), false, 'symbolic links are skipped')
      assert.ok(log.messages('info').some(message => message.includes('--depth=1 origin')), log.messages('info').join('\n'))
      assert.ok(log.messages('info').some(message => message.includes(`fetched commit ${baseSha}`)), log.messages('info').join('\n'))
    } finally {
      await tree.cleanup()
    }
    assert.equal(existsSync(tree.root), false, 'cleanup removes the folder')
  })

  it('workspace stays unchanged', () => {
    assert.equal(git(clone, 'rev-parse', 'HEAD'), headSha)
    assert.equal(git(clone, 'status', '--porcelain'), '')
    assert.equal(readFileSync(join(clone, 'reports/latency.csv'), 'utf8'), 'series,latency_ms\nchat,200\nchat,210\n')
  })

  it('baseline-ref branch only on origin', async () => {
    const tree = await loadBaseline(gateSettings({ baselineRef: 'release' }), context({ eventName: 'workflow_dispatch', baseSha: null }), PATTERNS, new MemoryLogger())
    try {
      assert.equal(tree.source.kind, 'git')
      assert.equal(tree.source.ref, 'release')
      assert.equal(tree.source.commit, baseSha)
    } finally {
      await tree.cleanup()
    }
  })

  it('workflow_dispatch uses default branch', async () => {
    const tree = await loadBaseline(gateSettings(), context({ eventName: 'workflow_dispatch', baseSha: null }), PATTERNS, new MemoryLogger())
    try {
      assert.equal(tree.source.ref, 'origin/main')
      assert.equal(tree.source.commit, headSha)
      assert.ok(tree.root !== null)
      assert.equal(readFileSync(join(tree.root, 'reports/latency.csv'), 'utf8'), 'series,latency_ms\nchat,200\nchat,210\n')
    } finally {
      await tree.cleanup()
    }
  })

  it('full clone fetches without depth', async () => {
    git(temporary, 'clone', '--quiet', '--single-branch', '--branch', 'main', `file://${origin}`, 'full-clone')
    const fullClone = join(temporary, 'full-clone')
    const log = new MemoryLogger()
    const tree = await loadBaseline(gateSettings({ baselineRef: 'origin/release' }), context({ workspace: fullClone }), PATTERNS, log)
    try {
      assert.equal(tree.source.commit, baseSha)
      assert.ok(log.messages('info').some(message => message.includes('git fetch --no-tags --no-recurse-submodules origin release')), log.messages('info').join('\n'))
      assert.equal(git(fullClone, 'rev-parse', '--is-shallow-repository'), 'false')
    } finally {
      await tree.cleanup()
    }
  })

  it('unknown ref gives no baseline', async () => {
    const tree = await loadBaseline(gateSettings({ baselineRef: 'no-such-branch' }), context(), PATTERNS, new MemoryLogger())
    assert.equal(tree.source.kind, 'none')
    assert.equal(tree.root, null)
    assert.match(tree.source.reason ?? '', /no-such-branch .* was not found locally or on origin/)
  })

  it('ref starting with dash is rejected', async () => {
    await assert.rejects(loadBaseline(gateSettings({ baselineRef: '--upload-pack=x' }), context(), PATTERNS, new MemoryLogger()), InputError)
  })
})

describe('loadBaseline first run', () => {
  it('base without artifacts gives no baseline', async () => {
    const root = initRepository('first-run')
    write(root, '.gitkeep', '')
    const baseSha = commitAll(root, 'Empty base')
    write(root, 'reports/latency.csv', 'series,latency_ms\nchat,100\nchat,120\nchat,140\n')
    commitAll(root, 'Add benchmarks')

    const tree = await loadBaseline(gateSettings(), { workspace: root, eventName: 'pull_request', baseSha, defaultBranch: 'main' }, PATTERNS, new MemoryLogger())
    assert.equal(tree.source.kind, 'none')
    assert.equal(tree.root, null)
    assert.match(tree.source.reason ?? '', /has no files matching reports\/\*\*, csv_data\/\*\*, artifacts\/\*\*/)
  })

  it('workspace without git gives no baseline', async () => {
    const root = join(temporary, 'not-a-repository')
    mkdirSync(root)
    const tree = await loadBaseline(gateSettings(), { workspace: root, eventName: 'pull_request', baseSha: 'a'.repeat(40), defaultBranch: 'main' }, PATTERNS, new MemoryLogger())
    assert.equal(tree.source.kind, 'none')
    assert.match(tree.source.reason ?? '', /not a git repository/)
  })

  it('dispatch without base names both inputs', async () => {
    // No baseline-ref, no base commit and no origin/HEAD: the reason names both ways to give a baseline.
    const root = join(temporary, 'dispatch-without-base')
    mkdirSync(root)
    const tree = await loadBaseline(gateSettings(), { workspace: root, eventName: 'workflow_dispatch', baseSha: null, defaultBranch: null }, PATTERNS, new MemoryLogger())
    assert.equal(tree.source.kind, 'none')
    assert.match(tree.source.reason ?? '', /^the workflow_dispatch event has no base commit and the default branch is unknown; /)
    assert.match(tree.source.reason ?? '', /set 'baseline-ref' to a branch or commit/)
    assert.match(tree.source.reason ?? '', /or 'baseline-path' to a folder of baseline artifacts \(--base in the command-line preview\)$/)
  })
})

describe('loadBaseline from baseline-path', () => {
  const workspace = join(temporary, 'path-workspace')

  before(() => write(workspace, 'baseline/reports/latency.csv', 'series,latency_ms\nchat,100\n'))

  it('existing folder is used', async () => {
    const tree = await loadBaseline(gateSettings({ baselinePath: 'baseline' }), { workspace, eventName: 'pull_request', baseSha: null, defaultBranch: null }, PATTERNS, new MemoryLogger())
    assert.deepEqual(tree.source, { kind: 'path', ref: 'baseline', reason: null })
    assert.equal(tree.root, join(workspace, 'baseline'))
    await tree.cleanup()
    assert.ok(existsSync(join(workspace, 'baseline/reports/latency.csv')), 'cleanup leaves a user folder alone')
  })

  it('missing folder is rejected', async () => {
    await assert.rejects(
      loadBaseline(gateSettings({ baselinePath: 'nowhere' }), { workspace, eventName: 'pull_request', baseSha: null, defaultBranch: null }, PATTERNS, new MemoryLogger()),
      (error: Error) => {
        assert.ok(error instanceof InputError)
        assert.match(error.message, /Input 'baseline-path' has invalid value 'nowhere'.*does not exist/)
        return true
      }
    )
  })

  it('file instead of folder is rejected', async () => {
    await assert.rejects(
      loadBaseline(gateSettings({ baselinePath: 'baseline/reports/latency.csv' }), { workspace, eventName: 'pull_request', baseSha: null, defaultBranch: null }, PATTERNS, new MemoryLogger()),
      /is not a folder/
    )
  })

  it('both ref and path are rejected', async () => {
    await assert.rejects(
      loadBaseline(gateSettings({ baselinePath: 'baseline', baselineRef: 'main' }), { workspace, eventName: 'pull_request', baseSha: null, defaultBranch: null }, PATTERNS, new MemoryLogger()),
      /either 'baseline-ref' or 'baseline-path', not both/
    )
  })
})

describe('createPathFilter', () => {
  const selects = createPathFilter(['reports/**', '!reports/tmp/**', './csv_data/*.csv', '**/*.json', '/work/ws/artifacts'], '/work/ws')
  const cases: [string, boolean][] = [
    ['reports/a/b.csv', true],
    ['reports/tmp/x.csv', true],
    ['csv_data/x.csv', true],
    ['csv_data/deep/x.md', true],
    ['src/config.json', true],
    ['artifacts/run.json', true],
    ['artifacts/deep/run.md', true],
    ['src/index.ts', false],
    ['reportsx/a.csv', false]
  ]
  for (const [file, expected] of cases) {
    it(`${file} ${expected ? 'selected' : 'left out'}`, () => {
      assert.equal(selects(file), expected)
    })
  }
})
