/**
 * The benchmark suite (`npm run bench`) in its quick mode: every benchmark runs on
 * small inputs and produces its figures. The tests check that the figures exist,
 * never that they meet a speed goal, because times on a shared machine are noise.
 */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { corpusMissing, repoRoot } from './support/action-runner.js'

interface Figure {
  key: string
  value: number | null
  goal: string | null
  met: boolean | null
  note?: string
}

interface Benchmark {
  name: string
  status: string
  reason: string | null
  figures: Figure[]
  samples: Record<string, unknown>
}

interface Document {
  machine: { cpus: number; node: string }
  benchmarks: Benchmark[]
}

interface SuiteRun {
  exitCode: number
  stdout: string
  stderr: string
}

const SUITE_TIMEOUT_MS = 60_000

/** Runs bench/run.ts as `npm run bench` does, after the build, and waits for it. */
function runSuite(args: string[], timeoutMs = SUITE_TIMEOUT_MS): Promise<SuiteRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts', ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', chunk => (stdout += chunk))
    child.stderr.on('data', chunk => (stderr += chunk))
    const timer = setTimeout(() => {
      child.kill('SIGTERM')
      reject(new Error(`bench/run.ts ${args.join(' ')} did not finish within ${timeoutMs} ms.\nstdout:\n${stdout}\nstderr:\n${stderr}`))
    }, timeoutMs)
    child.on('close', code => {
      clearTimeout(timer)
      resolve({ exitCode: code ?? -1, stdout, stderr })
    })
  })
}

function benchTemporaryFolders(): string[] {
  return readdirSync(tmpdir()).filter(name => name.startsWith('obr-bench-'))
}

describe('benchmark suite in quick mode', { timeout: SUITE_TIMEOUT_MS + 30_000 }, () => {
  let scratch: string
  let output: string
  let run: SuiteRun
  let document: Document
  let foldersBefore: string[]

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'obr-smoke-'))
    output = join(scratch, 'latest.json')
    foldersBefore = benchTemporaryFolders()
    run = await runSuite(['--quick', '--output', output])
    document = JSON.parse(readFileSync(output, 'utf8')) as Document
  })

  after(() => {
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true })
  })

  function benchmark(name: string): Benchmark {
    const found = document.benchmarks.find(entry => entry.name === name)
    assert.ok(found, `benchmark ${name} is missing from ${output}`)
    return found
  }

  function value(entry: Benchmark, key: string): number {
    const found = entry.figures.find(candidate => candidate.key === key)
    assert.ok(found, `figure ${key} is missing; figures: ${entry.figures.map(candidate => candidate.key).join(', ')}`)
    assert.notEqual(found.value, null, `figure ${key} has no value`)
    assert.ok(Number.isFinite(found.value), `figure ${key} is not finite: ${found.value}`)
    return found.value as number
  }

  function assertDone(entry: Benchmark): void {
    assert.equal(entry.status, 'done', `${entry.name}: ${entry.reason}\nstderr:\n${run.stderr.slice(-3000)}`)
  }

  it('suite exits with status 0', () => {
    assert.equal(run.exitCode, 0, `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`)
  })

  it('suite prints the figures file', () => {
    assert.ok(run.stdout.includes(`Figures written to ${output}`), run.stdout)
  })

  it('suite runs every benchmark', () => {
    assert.deepEqual(
      document.benchmarks.map(entry => entry.name),
      ['corpus', 'large-csv', 'many-files', 'startup', 'model']
    )
  })

  it('figures file describes the machine', () => {
    assert.ok(document.machine.cpus >= 1)
    assert.match(document.machine.node, /^v\d+\./)
  })

  it('unevaluated goals say why', () => {
    for (const entry of document.benchmarks) {
      for (const figure of entry.figures) {
        if (figure.goal === null || figure.value === null || figure.met !== null) continue
        assert.notEqual(figure.note, undefined, `${figure.key} has a goal, a value and no verdict, and no note says why`)
        assert.notEqual(figure.note, '', `${figure.key} has an empty note`)
      }
    }
  })

  it('corpus ratio is measured', { skip: corpusMissing() }, () => {
    const corpus = benchmark('corpus')
    assertDone(corpus)
    assert.ok(value(corpus, 'corpus.time-ratio') > 0)
    assert.ok(value(corpus, 'corpus.action-peak-rss-mb') > 0)
  })

  it('large csv is read whole', () => {
    const large = benchmark('large-csv')
    assertDone(large)
    assert.ok(value(large, 'large-csv.throughput-ratio') > 0)
    assert.ok(value(large, 'large-csv.action-peak-rss-mb') > 0)
    assert.equal(value(large, 'large-csv.rows-counted'), large.samples.rows)
  })

  it('many files count git calls', () => {
    const many = benchmark('many-files')
    assertDone(many)
    assert.ok(value(many, 'many-files.time-ratio') > 0)
    assert.ok(value(many, 'many-files.git-calls') > 0)
    assert.equal((many.samples.gitCalls as string[]).length, value(many, 'many-files.git-calls'))
  })

  it('startup measures the bundle', () => {
    const startup = benchmark('startup')
    assertDone(startup)
    assert.ok(value(startup, 'startup.time-ratio') > 0)
    assert.ok(value(startup, 'startup.bundle-mb') > 0)
  })

  it('model calls are counted', { skip: corpusMissing() }, () => {
    const model = benchmark('model')
    assertDone(model)
    assert.ok(value(model, 'model.calls-fresh') >= 0)
    assert.ok(value(model, 'model.calls-unchanged') >= 0)
    assert.ok(value(model, 'model.reload-option-changes') >= 0)
  })

  it('temporary folders are removed', () => {
    const left = benchTemporaryFolders().filter(name => !foldersBefore.includes(name))
    assert.deepEqual(left, [])
  })

  it('figures file is in place', () => {
    assert.ok(existsSync(output))
  })
})

describe('benchmark suite options', () => {
  it('unknown benchmark exits with status 2', async () => {
    const run = await runSuite(['--only', 'corpus,nonexistent'])
    assert.equal(run.exitCode, 2, run.stderr)
    assert.match(run.stderr, /Unknown benchmark 'nonexistent'/)
  })

  it('invalid size exits with status 2', async () => {
    const run = await runSuite(['--large-csv-mb', '0'])
    assert.equal(run.exitCode, 2, run.stderr)
    assert.match(run.stderr, /Invalid --large-csv-mb '0'/)
  })

  it('help lists the options', async () => {
    const run = await runSuite(['--help'])
    assert.equal(run.exitCode, 0, run.stderr)
    for (const option of ['--quick', '--large-csv-mb', '--files', '--repeat', '--only', '--output']) assert.ok(run.stdout.includes(option), `help lacks ${option}`)
  })
})
