/**
 * Runs the bundled action (`dist/index.js`) as a child process with the environment
 * a GitHub runner gives it, and reads back what it wrote: the job summary, the
 * outputs, the exit code and the log.
 */
import { execFileSync, spawn } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse as parseYaml } from 'yaml'

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const sharedRoot = resolve(repoRoot, '../shared')
export const corpusRoot = join(sharedRoot, 'corpus/chimera')
export const casesRoot = join(sharedRoot, 'cases')
export const bundlePath = join(repoRoot, 'dist/index.js')

/** The reason to skip a suite that needs the shared corpus, or false when it is present. */
export function corpusMissing(): string | false {
  return existsSync(corpusRoot) ? false : `the benchmark corpus is absent at ${corpusRoot}`
}

/** The reason to skip a suite that needs the shared cases, or false when they are present. */
export function casesMissing(): string | false {
  return existsSync(casesRoot) ? false : `the regression cases are absent at ${casesRoot}`
}

export interface ActionResult {
  exitCode: number
  /** Milliseconds from spawning dist/index.js to its exit, as the benchmark suite times it. */
  durationMs: number
  stdout: string
  stderr: string
  summary: string
  outputs: Record<string, string>
  /** Contents of the files named by the `report-path` and `metrics-path` outputs, read before the runner's temp folder is removed; '' when absent. */
  reportFile: string
  metricsFile: string
  /** `::warning …::message` and `::error …::message` lines, as the runner reads them. */
  annotations: { level: string; properties: string; message: string }[]
}

export interface ActionRunOptions {
  workspace: string
  /** Action inputs by name as in action.yml; the runner passes them as INPUT_* variables. */
  inputs?: Record<string, string>
  eventName?: string
  /** Event payload written to GITHUB_EVENT_PATH. */
  event?: unknown
  /** Further environment variables, such as GITHUB_API_URL of a stand-in server. */
  env?: Record<string, string>
  timeoutMs?: number
}

/** The inputs action.yml declares with their defaults, as the runner passes them. */
export function actionDefaults(): Record<string, string> {
  const action = parseYaml(readFileSync(join(repoRoot, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> }
  const defaults: Record<string, string> = {}
  for (const [name, input] of Object.entries(action.inputs)) defaults[name] = String(input.default ?? '').trim()
  return defaults
}

/** Starts dist/index.js as the runner would and waits for it to exit. */
export async function runAction(options: ActionRunOptions): Promise<ActionResult> {
  const scratch = mkdtempSync(join(tmpdir(), 'obr-runner-'))
  const summaryPath = join(scratch, 'step-summary.md')
  const outputPath = join(scratch, 'github-output')
  const eventPath = join(scratch, 'event.json')
  writeFileSync(summaryPath, '')
  writeFileSync(outputPath, '')
  writeFileSync(eventPath, JSON.stringify(options.event ?? {}))
  mkdirSync(join(scratch, 'runner-temp'))

  const inputs = { ...actionDefaults(), 'github-token': 'test-token', ...options.inputs }
  // The default of github-token is an expression the runner evaluates; tests pass a literal.
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? scratch,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_EVENT_NAME: options.eventName ?? 'push',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_OUTPUT: outputPath,
    GITHUB_REPOSITORY: 'owner-org/project',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'http://127.0.0.1:9',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: 'benchmarks',
    GITHUB_JOB: 'report',
    GITHUB_SHA: '0000000000000000000000000000000000000000',
    RUNNER_TEMP: join(scratch, 'runner-temp'),
    ...options.env
  }
  for (const [name, value] of Object.entries(inputs)) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  }

  const spawnedAt = performance.now()
  const child = spawn(process.execPath, [bundlePath], { cwd: options.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', chunk => (stdout += chunk))
  child.stderr.on('data', chunk => (stderr += chunk))
  const timeoutMs = options.timeoutMs ?? 120_000
  let durationMs = 0
  const exitCode = await new Promise<number>((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`dist/index.js did not exit within ${timeoutMs} ms.\nstdout:\n${stdout}\nstderr:\n${stderr}`))
    }, timeoutMs)
    child.on('exit', code => {
      durationMs = performance.now() - spawnedAt
      clearTimeout(timer)
      resolvePromise(code ?? -1)
    })
  })

  const outputs = parseOutputFile(readFileSync(outputPath, 'utf8'))
  const result: ActionResult = {
    exitCode,
    durationMs,
    stdout,
    stderr,
    summary: readFileSync(summaryPath, 'utf8'),
    outputs,
    reportFile: readIfPresent(outputs['report-path']),
    metricsFile: readIfPresent(outputs['metrics-path']),
    annotations: parseAnnotations(stdout)
  }
  rmSync(scratch, { recursive: true, force: true })
  return result
}

function readIfPresent(path: string | undefined): string {
  return path !== undefined && path !== '' && existsSync(path) ? readFileSync(path, 'utf8') : ''
}

/** Reads the `name<<delimiter` blocks that `core.setOutput` appends to GITHUB_OUTPUT. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let index = 0; index < lines.length; index++) {
    const header = /^([^<=]+)<<(.+)$/.exec(lines[index])
    if (header !== null) {
      const value: string[] = []
      while (index + 1 < lines.length && lines[index + 1] !== header[2]) value.push(lines[++index])
      index++
      outputs[header[1]] = value.join('\n')
      continue
    }
    const simple = /^([^=]+)=(.*)$/.exec(lines[index])
    if (simple !== null) outputs[simple[1]] = simple[2]
  }
  return outputs
}

function parseAnnotations(stdout: string): ActionResult['annotations'] {
  const annotations: ActionResult['annotations'] = []
  for (const line of stdout.split('\n')) {
    const match = /^::(warning|error|notice)( [^:]*)?::(.*)$/.exec(line)
    if (match !== null) annotations.push({ level: match[1], properties: (match[2] ?? '').trim(), message: match[3] })
  }
  return annotations
}

/** A temporary git repository that the test removes when it is done. */
export interface TempRepository {
  path: string
  git: (...args: string[]) => string
  /** Stages everything and commits with a fixed author and the given date (ISO 8601). */
  commitAll: (message: string, date?: string) => string
  remove: () => void
}

/** Creates a git repository in a temp folder, optionally filled with a copy of `source` under `into`. */
export function createTempRepository(source?: { from: string; into?: string }): TempRepository {
  const path = mkdtempSync(join(tmpdir(), 'obr-repo-'))
  const git = (...args: string[]): string =>
    execFileSync('git', args, {
      cwd: path,
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com' }
    }).trim()
  git('init', '--quiet', '--initial-branch=main')
  git('config', 'commit.gpgsign', 'false')
  if (source !== undefined) cpSync(source.from, join(path, source.into ?? ''), { recursive: true, verbatimSymlinks: true })
  return {
    path,
    git,
    commitAll(message: string, date = '2026-01-01T00:00:00Z'): string {
      git('add', '--all')
      execFileSync('git', ['commit', '--quiet', '--allow-empty', '-m', message], {
        cwd: path,
        env: { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com', GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }
      })
      return git('rev-parse', 'HEAD')
    },
    remove: () => rmSync(path, { recursive: true, force: true })
  }
}
