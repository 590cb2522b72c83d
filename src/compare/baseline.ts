/**
 * Finds the baseline tree: the base versions of the artifacts, read from git into a
 * temporary folder laid out as in the workspace, or a folder named by
 * `baseline-path`. The user's workflow needs no second checkout: a base commit that
 * a shallow clone lacks is fetched with the credentials actions/checkout left behind.
 */
import { execFile, spawn } from 'node:child_process'
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import picomatch from 'picomatch'
import type { Logger } from '../logger.js'
import { Inputs, InputError, type GateSettings } from '../settings/index.js'
import type { BaselineSource } from './types.js'

const execFileAsync = promisify(execFile)

/** Maximum time for `git fetch` of the base commit. */
const FETCH_TIMEOUT_MS = 5 * 60 * 1000

/** Largest `git ls-tree` listing read, in bytes (about a million paths). */
const LS_TREE_MAX_BUFFER = 256 * 1024 * 1024

/** Git file mode of a symbolic link; its target is not an artifact and may leave the tree. */
const SYMLINK_MODE = '120000'

/** Run facts the compare stage needs: workspace, event and base commit. */
export interface BaselineContext {
  workspace: string
  eventName: string
  /** `pull_request.base.sha` of a pull request event, else null. */
  baseSha: string | null
  /** The repository's default branch from the event payload, for `workflow_dispatch`. */
  defaultBranch: string | null
}

/** A baseline tree ready for analysis, and how to remove it afterwards. */
export interface BaselineTree {
  source: BaselineSource
  /** Folder with the base versions of the artifacts, laid out as in the workspace; null when there is none. */
  root: string | null
  /** Git blob id of each file written under `root`, by relative path; empty for a folder baseline. */
  blobs: ReadonlyMap<string, string>
  cleanup: () => Promise<void>
}

/** Failure of a git command, with its arguments and first line of stderr. */
class GitError extends Error {
  constructor(
    readonly args: string[],
    readonly stderr: string
  ) {
    super(`git ${args.join(' ')} failed: ${firstLine(stderr) || 'no error output'}`)
    this.name = 'GitError'
  }
}

const noCleanup = async (): Promise<void> => {}

function noBaseline(reason: string, ref: string | null = null): BaselineTree {
  return { source: { kind: 'none', ref, reason }, root: null, blobs: new Map(), cleanup: noCleanup }
}

/**
 * Materialises the base versions of the artifacts. The commit is `baseline-ref` when
 * set, else the pull request's base commit, else `origin/<default branch>`. Throws
 * `InputError` for an invalid `baseline-path` or `baseline-ref`; every other problem
 * gives a `none` source with the reason.
 */
export async function loadBaseline(settings: Readonly<GateSettings>, context: BaselineContext, patterns: string[], log: Logger): Promise<BaselineTree> {
  if (settings.baselinePath !== null) {
    if (settings.baselineRef !== null) {
      throw new InputError(Inputs.BaselinePath, settings.baselinePath, `either '${Inputs.BaselineRef}' or '${Inputs.BaselinePath}', not both`)
    }
    return loadBaselinePath(settings.baselinePath, context.workspace, log)
  }

  if (settings.baselineRef !== null && settings.baselineRef.startsWith('-')) {
    throw new InputError(Inputs.BaselineRef, settings.baselineRef, 'a branch, tag or commit SHA (not starting with "-")')
  }
  const target = await chooseTarget(settings.baselineRef, context)
  if (target === null) {
    const reason = `the ${context.eventName} event has no base commit and the default branch is unknown; set '${Inputs.BaselineRef}' to a branch or commit, or '${Inputs.BaselinePath}' to a folder of baseline artifacts (--base in the command-line preview)`
    log.info(`Baseline: none, because ${reason}.`)
    return noBaseline(reason)
  }

  try {
    return await loadFromGit(target, context.workspace, patterns, log)
  } catch (error) {
    if (!(error instanceof GitError)) throw error
    const reason = `reading the baseline from git failed (${error.message})`
    log.warning(`Baseline: none, because ${reason}. The comparison is skipped and the job does not fail on it.`)
    return noBaseline(reason, target.ref)
  }
}

async function loadBaselinePath(value: string, workspace: string, log: Logger): Promise<BaselineTree> {
  const folder = path.resolve(workspace, value)
  const info = await stat(folder).catch(() => null)
  if (info === null || !info.isDirectory()) {
    const problem = info === null ? `${folder} does not exist` : `${folder} is not a folder`
    throw new InputError(Inputs.BaselinePath, value, `an existing folder of baseline artifacts, relative to the workspace (${problem})`)
  }
  log.info(`Baseline: folder ${folder} (${Inputs.BaselinePath}).`)
  return { source: { kind: 'path', ref: value, reason: null }, root: folder, blobs: new Map(), cleanup: noCleanup }
}

interface Target {
  /** Ref or SHA as the input or the event gave it. */
  ref: string
  /** Name to ask origin for when the commit is missing locally. */
  fetchName: string
  /** Source of the ref (input, pull request base, default branch), for the log. */
  origin: string
}

async function chooseTarget(baselineRef: string | null, context: BaselineContext): Promise<Target | null> {
  if (baselineRef !== null) return { ref: baselineRef, fetchName: remoteBranchName(baselineRef), origin: Inputs.BaselineRef }
  if (context.baseSha !== null) {
    return { ref: context.baseSha, fetchName: context.baseSha, origin: 'pull request base' }
  }
  const defaultBranch = context.defaultBranch ?? (await originHeadBranch(context.workspace))
  if (defaultBranch === null) return null
  return { ref: `origin/${defaultBranch}`, fetchName: defaultBranch, origin: 'default branch' }
}

/** Name of the branch that `refs/remotes/origin/HEAD` points at, or null. */
async function originHeadBranch(workspace: string): Promise<string | null> {
  try {
    const output = await git(workspace, ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD'])
    const name = output.trim()
    return name.startsWith('origin/') ? name.slice('origin/'.length) : null
  } catch {
    return null
  }
}

/** `origin/main` and `refs/remotes/origin/main` are fetched from origin as `main`. */
function remoteBranchName(ref: string): string {
  for (const prefix of ['refs/remotes/origin/', 'origin/']) if (ref.startsWith(prefix)) return ref.slice(prefix.length)
  return ref
}

async function loadFromGit(target: Target, workspace: string, patterns: string[], log: Logger): Promise<BaselineTree> {
  if (!(await isGitWorkTree(workspace))) {
    const reason = 'the workspace is not a git repository'
    log.info(`Baseline: none, because ${reason}.`)
    return noBaseline(reason, target.ref)
  }

  const commit = await resolveCommit(target, workspace, log)
  if (commit === null) {
    const reason = `the baseline ${target.ref} (${target.origin}) was not found locally or on origin`
    log.info(`Baseline: none, because ${reason}.`)
    return noBaseline(reason, target.ref)
  }

  const selected = await listArtifactBlobs(workspace, commit, patterns, log)
  const short = commit.slice(0, 7)
  if (selected.length === 0) {
    const reason = `the base commit ${short} has no files matching ${patterns.join(', ')}`
    log.info(`Baseline: none, because ${reason}.`)
    return noBaseline(reason, target.ref)
  }

  const root = await mkdtemp(path.join(os.tmpdir(), 'benchmark-baseline-'))
  const cleanup = async (): Promise<void> => rm(root, { recursive: true, force: true })
  try {
    const written = await writeBlobs(workspace, selected, root, log)
    log.info(`Baseline: ${written} files from commit ${short} (${target.origin} ${target.ref}) written to ${root}.`)
  } catch (error) {
    await cleanup()
    throw error
  }
  const source: BaselineSource = { kind: 'git', ref: target.ref, commit, reason: null }
  return { source, root, blobs: new Map(selected.map(entry => [entry.path, entry.object])), cleanup }
}

async function isGitWorkTree(workspace: string): Promise<boolean> {
  try {
    return (await git(workspace, ['rev-parse', '--is-inside-work-tree'])).trim() === 'true'
  } catch {
    return false
  }
}

/**
 * Resolves the target to a commit SHA, fetching it from origin when the clone lacks
 * it. A shallow clone fetches only that commit (`--depth=1`); a full clone fetches
 * normally, so that it does not turn shallow. Returns null when origin does not have it.
 */
async function resolveCommit(target: Target, workspace: string, log: Logger): Promise<string | null> {
  const local = await revParseCommit(workspace, target.ref)
  if (local !== null) return local

  const shallow = (await git(workspace, ['rev-parse', '--is-shallow-repository']).catch(() => 'false')).trim() === 'true'
  const args = ['fetch', '--no-tags', '--no-recurse-submodules', ...(shallow ? ['--depth=1'] : []), 'origin', target.fetchName]
  log.info(`Baseline: ${target.ref} is not in the clone; running git ${args.join(' ')}.`)
  try {
    await git(workspace, args, FETCH_TIMEOUT_MS)
  } catch (error) {
    if (!(error instanceof GitError)) throw error
    log.info(`Baseline: ${error.message}`)
    return null
  }
  const fetched = await revParseCommit(workspace, 'FETCH_HEAD')
  if (fetched !== null) log.info(`Baseline: fetched commit ${fetched} from origin.`)
  return fetched
}

async function revParseCommit(workspace: string, ref: string): Promise<string | null> {
  try {
    const sha = (await git(workspace, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim()
    return sha === '' ? null : sha
  } catch {
    return null
  }
}

/** A file of the base tree to write. */
interface BlobEntry {
  object: string
  path: string
}

/** Lists the regular files of the commit that the patterns select, with one `git ls-tree` call. */
async function listArtifactBlobs(workspace: string, commit: string, patterns: string[], log: Logger): Promise<BlobEntry[]> {
  const listing = await git(workspace, ['ls-tree', '-r', '-z', '--full-tree', commit], undefined, LS_TREE_MAX_BUFFER)
  const selects = createPathFilter(patterns, workspace)
  const selected: BlobEntry[] = []
  let symlinks = 0
  let submodules = 0

  for (const record of listing.split('\0')) {
    if (record === '') continue
    const tab = record.indexOf('\t')
    const [mode, type, object] = record.slice(0, tab).split(' ')
    const file = record.slice(tab + 1)
    if (!selects(file)) continue
    if (type === 'commit') submodules++
    else if (mode === SYMLINK_MODE) symlinks++
    else if (type === 'blob') selected.push({ object, path: file })
  }
  if (symlinks + submodules > 0) {
    log.info(`Baseline: skipped ${symlinks} symbolic links and ${submodules} submodules among the matched paths of ${commit.slice(0, 7)}.`)
  }
  return selected
}

/**
 * Selects the paths under each include pattern's static folder (`reports` for
 * `reports/**`) or matched by the pattern. Exclusions are left to the collect stage,
 * which applies the patterns again to the baseline folder.
 */
export function createPathFilter(patterns: readonly string[], workspace: string): (file: string) => boolean {
  const includes: { root: string; matches: picomatch.Matcher }[] = []
  for (const raw of patterns) {
    const pattern = normalisePattern(raw, workspace)
    if (pattern === null) continue
    const root = picomatch.scan(pattern).base.replace(/\/+$/, '')
    includes.push({ root, matches: picomatch(pattern, { dot: true }) })
  }
  return file => includes.some(({ root, matches }) => (root !== '' && (file === root || file.startsWith(`${root}/`))) || matches(file))
}

/** Makes an include pattern relative to the workspace; null for exclusions and patterns outside it. */
function normalisePattern(raw: string, workspace: string): string | null {
  let pattern = raw.trim()
  if (pattern === '' || pattern.startsWith('!') || pattern.startsWith('#')) return null
  if (path.isAbsolute(pattern)) {
    pattern = path.relative(workspace, pattern)
    if (pattern === '') pattern = '**'
    if (pattern.startsWith('..')) return null
  }
  pattern = pattern.split(path.sep).join('/')
  while (pattern.startsWith('./')) pattern = pattern.slice(2)
  return pattern
}

/**
 * Writes the blobs under `root` with one `git cat-file --batch` call, streaming its
 * output so that no file is held in memory more than once. Returns the number written.
 */
async function writeBlobs(workspace: string, entries: BlobEntry[], root: string, log: Logger): Promise<number> {
  const args = ['cat-file', '--batch']
  const child = spawn('git', args, { cwd: workspace, env: gitEnvironment(), stdio: ['pipe', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (text: string) => {
    stderr += text
  })
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', resolve)
  })
  child.stdin.on('error', () => {
    // A write error means git exited early; its exit code and stderr report the cause.
  })
  child.stdin.end(entries.map(entry => entry.object).join('\n') + '\n')

  let read = 0
  let written = 0
  try {
    for await (const content of readBatchBlobs(child.stdout, args)) {
      if (read >= entries.length) throw new GitError(args, 'more objects in the output than requested')
      if (await writeEntry(root, entries[read++].path, content, log)) written++
    }
  } catch (error) {
    child.kill()
    throw error
  }

  const code = await exited
  if (code !== 0 || read < entries.length) throw new GitError(args, stderr || `exited with code ${code} after ${read} of ${entries.length} files`)
  return written
}

/** Parses `git cat-file --batch` output, one "<object> blob <size>\n<content>\n" record per object, and yields the contents. */
async function* readBatchBlobs(stdout: AsyncIterable<Buffer>, args: string[]): AsyncGenerator<Buffer> {
  let pendingHeader: Buffer = Buffer.alloc(0)
  let body: { size: number; parts: Buffer[]; received: number } | null = null

  for await (const chunk of stdout) {
    let data = chunk
    while (data.length > 0) {
      if (body === null) {
        const buffered = pendingHeader.length === 0 ? data : Buffer.concat([pendingHeader, data])
        const newline = buffered.indexOf(0x0a)
        if (newline < 0) {
          pendingHeader = buffered
          break
        }
        const header = buffered.subarray(0, newline).toString('utf8')
        data = buffered.subarray(newline + 1)
        pendingHeader = Buffer.alloc(0)
        // A missing object gives the record "<object> missing".
        const [, type, size] = header.split(' ')
        if (type !== 'blob') throw new GitError(args, `unexpected record header '${header}'`)
        body = { size: Number(size), parts: [], received: 0 }
        continue
      }
      // The content is followed by one newline, which is read and dropped.
      const take = Math.min(body.size + 1 - body.received, data.length)
      body.parts.push(data.subarray(0, take))
      body.received += take
      data = data.subarray(take)
      if (body.received === body.size + 1) {
        yield Buffer.concat(body.parts).subarray(0, body.size)
        body = null
      }
    }
  }
  if (body !== null || pendingHeader.length > 0) throw new GitError(args, 'the output ended inside a record')
}

/** Writes one file under `root`; a path that would leave `root` is skipped and logged. */
async function writeEntry(root: string, file: string, content: Buffer, log: Logger): Promise<boolean> {
  const target = path.resolve(root, file)
  if (!target.startsWith(root + path.sep)) {
    log.info(`Baseline: skipped ${JSON.stringify(file)}, whose path leaves the baseline folder.`)
    return false
  }
  await mkdir(path.dirname(target), { recursive: true })
  await writeFile(target, content)
  return true
}

/** Never prompts for credentials: a job has no terminal, and a prompt would hang until the job's time limit. */
function gitEnvironment(): NodeJS.ProcessEnv {
  return { ...process.env, GIT_TERMINAL_PROMPT: '0' }
}

async function git(workspace: string, args: string[], timeout?: number, maxBuffer = 16 * 1024 * 1024): Promise<string> {
  try {
    const { stdout } = await execFileAsync('git', args, { cwd: workspace, env: gitEnvironment(), timeout, maxBuffer, encoding: 'utf8' })
    return stdout
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string; killed?: boolean }
    if (failure.code === 'ENOENT') throw new GitError(args, 'git is not installed or not on PATH')
    const stderr = failure.killed === true ? `timed out after ${Math.round((timeout ?? 0) / 1000)} s` : (failure.stderr ?? String(error))
    throw new GitError(args, stderr)
  }
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? ''
}
