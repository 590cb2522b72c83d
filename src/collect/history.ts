/**
 * Reads when each artifact last changed from git history. A checkout sets every
 * file's mtime to the checkout time, so the mtime tells nothing about the data.
 * It is used only outside git, and for files that are untracked or differ from
 * their last commit.
 *
 * Git is run a fixed number of times whatever the number of files: `rev-parse`,
 * `ls-files`, `status` and one `log` over all paths.
 */
import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Logger } from '../logger.js'
import { errorCode } from './find.js'
import type { Collection, TimeSource } from './types.js'

export interface FileTime {
  modifiedAt: string | null
  timeSource: TimeSource
  blob: string | null
}

export interface HistoryInput {
  /** Path relative to the real workspace with `/`, which is how git names the file when run there. */
  key: string
  mtime: Date
}

export interface FileTimes {
  history: Collection['history']
  /** Time per `HistoryInput.key`. */
  times: Map<string, FileTime>
}

/** Max total length of the paths passed to one git command. Above it, their folders are passed instead. */
const MAX_PATHSPEC_CHARACTERS = 128 * 1024
/**
 * Max number of paths passed to one git command. Git tests every path it visits
 * against each pathspec: in a repository of 20,000 files, `status`, `ls-files` and
 * `log` took 2 s together with 3,000 file pathspecs, 0.7 s with 1,000 folders and
 * 0.1 s with 40 folders.
 */
const MAX_PATHSPECS = 64
const GIT_TIMEOUT_MS = 120_000
const GIT_LOG_MAX_BUFFER = 256 * 1024 * 1024

/** Reads the last-commit time and blob id of each file, or its mtime where git cannot tell. */
export async function readFileTimes(realWorkspace: string, files: readonly HistoryInput[], log: Logger): Promise<FileTimes> {
  const filesystem = (): FileTimes => ({
    history: 'filesystem',
    times: new Map(files.map(file => [file.key, fromFilesystem(file)]))
  })

  let repository: Repository
  try {
    repository = await describeRepository(realWorkspace)
  } catch (error) {
    log.info(`Modification times come from the file system because git cannot be used here: ${gitFailure(error)}.`)
    return filesystem()
  }

  const history: Collection['history'] = repository.shallow ? 'shallow-git' : 'git'
  if (files.length === 0) return { history, times: new Map() }

  const pathspecs = choosePathspecs(files.map(file => file.key))
  const git = (args: string[], maxBuffer?: number): Promise<string> => runGit([...args, '--', ...pathspecs], realWorkspace, maxBuffer)

  let committed: Map<string, string>
  let changed: Set<string>
  try {
    committed = parseLsFiles(await git(['ls-files', '-s', '-z', '--full-name']))
    changed = parseStatus(await git(['status', '--porcelain=v1', '-z', '--untracked-files=no', '--no-renames']))
  } catch (error) {
    log.info(`Modification times come from the file system because git could not list the files: ${gitFailure(error)}.`)
    return filesystem()
  }

  const unchanged = new Set<string>()
  for (const file of files) {
    const fullName = repository.prefix + file.key
    if (committed.has(fullName) && !changed.has(fullName)) unchanged.add(fullName)
  }

  let lastCommits = new Map<string, LastCommit>()
  let logFailure: string | null = null
  if (unchanged.size > 0) {
    try {
      const output = await git(['-c', 'log.showSignature=false', 'log', '--no-color', '--no-renames', '--name-only', '-z', '--format=%x1e%H%x00%cI'], GIT_LOG_MAX_BUFFER)
      lastCommits = parseLog(output, unchanged)
    } catch (error) {
      logFailure = gitFailure(error)
    }
  }

  const times = new Map<string, FileTime>()
  const counts = { uncommitted: 0, boundary: 0, missing: 0 }
  for (const file of files) {
    const fullName = repository.prefix + file.key
    if (!unchanged.has(fullName)) {
      counts.uncommitted++
      times.set(file.key, fromFilesystem(file))
      continue
    }
    const blob = committed.get(fullName) ?? null
    const commit = lastCommits.get(fullName)
    if (commit === undefined) {
      counts.missing++
      times.set(file.key, { modifiedAt: null, timeSource: 'unknown', blob })
    } else if (repository.boundaries.has(commit.hash)) {
      counts.boundary++
      times.set(file.key, { modifiedAt: null, timeSource: 'unknown', blob })
    } else {
      times.set(file.key, { modifiedAt: commit.time, timeSource: 'git', blob })
    }
  }

  if (counts.uncommitted > 0) {
    log.info(`${counts.uncommitted} artifact files are untracked or differ from the last commit; their times are file modification times.`)
  }
  if (counts.boundary > 0) {
    log.info(`${counts.boundary} artifact files were last changed before the history of this shallow clone starts, so their times are unknown; fetch more history (actions/checkout fetch-depth: 0) to date them.`)
  }
  if (logFailure !== null) {
    log.info(`git log failed, so the times of ${counts.missing} committed artifact files are unknown: ${logFailure}.`)
  } else if (counts.missing > 0) {
    log.info(`git log listed no commit for ${counts.missing} committed artifact files, so their times are unknown.`)
  }
  return { history, times }
}

function fromFilesystem(file: HistoryInput): FileTime {
  return { modifiedAt: file.mtime.toISOString(), timeSource: 'filesystem', blob: null }
}

interface Repository {
  /** Path of the workspace inside the repository, with a trailing `/`, or '' at the top. */
  prefix: string
  shallow: boolean
  /** Commits at the edge of a shallow clone: git shows all their files as added, so they date nothing. */
  boundaries: Set<string>
}

async function describeRepository(realWorkspace: string): Promise<Repository> {
  const output = await runGit(['rev-parse', '--show-prefix', '--is-shallow-repository', '--git-path', 'shallow'], realWorkspace)
  const [prefix = '', shallowFlag = '', shallowPath = ''] = output.split('\n')
  const shallow = shallowFlag.trim() === 'true'
  const boundaries = new Set<string>()
  if (shallow) {
    const text = await readFile(path.resolve(realWorkspace, shallowPath.trim()), 'utf8')
    for (const line of text.split('\n')) if (line.trim() !== '') boundaries.add(line.trim())
  }
  return { prefix: prefix.trim(), shallow, boundaries }
}

/**
 * Returns the files themselves as pathspecs when they are few and short enough,
 * else their folders, moving the deepest ones up a level at a time until the
 * pathspecs fit, at worst the whole workspace. Git's output is filtered to the
 * requested files afterwards.
 */
export function choosePathspecs(keys: readonly string[]): string[] {
  let specs = [...new Set(keys)]
  while (specs.length > MAX_PATHSPECS || specs.reduce((total, spec) => total + spec.length + 1, 0) > MAX_PATHSPEC_CHARACTERS) {
    const deepest = specs.reduce((max, spec) => Math.max(max, depthOf(spec)), 0)
    if (deepest === 0) return ['.']
    specs = withoutNested([...new Set(specs.map(spec => (depthOf(spec) === deepest ? path.posix.dirname(spec) : spec)))])
  }
  return specs
}

/** Number of `/` in a path: 0 for a file or folder at the top of the workspace. */
function depthOf(spec: string): number {
  let depth = 0
  for (let index = spec.indexOf('/'); index !== -1; index = spec.indexOf('/', index + 1)) depth++
  return depth
}

/** Drops every pathspec inside another one of the list, since the outer one matches it already. */
function withoutNested(specs: string[]): string[] {
  if (specs.includes('.')) return ['.']
  const set = new Set(specs)
  return specs.filter(spec => {
    for (let parent = path.posix.dirname(spec); parent !== '.'; parent = path.posix.dirname(parent)) {
      if (set.has(parent)) return false
    }
    return true
  })
}

/** Maps each committed path (from the repository top) to its blob id. */
function parseLsFiles(output: string): Map<string, string> {
  const blobs = new Map<string, string>()
  for (const entry of output.split('\0')) {
    const tab = entry.indexOf('\t')
    if (tab === -1) continue
    const [, blob, stage] = entry.slice(0, tab).split(' ')
    // Stages 1 to 3 are the sides of an unresolved merge conflict; such files have no single blob.
    if (stage === '0') blobs.set(entry.slice(tab + 1), blob)
  }
  return blobs
}

/** Paths (from the repository top) whose content differs from the last commit. */
function parseStatus(output: string): Set<string> {
  const changed = new Set<string>()
  for (const entry of output.split('\0')) {
    if (entry.length > 3) changed.add(entry.slice(3))
  }
  return changed
}

interface LastCommit {
  hash: string
  time: string
}

/**
 * Reads `git log --name-only -z --format=%x1e%H%x00%cI` output, newest commit first,
 * and keeps the first commit that lists each unchanged path.
 */
function parseLog(output: string, unchanged: Set<string>): Map<string, LastCommit> {
  const found = new Map<string, LastCommit>()
  let commit: LastCommit | null = null
  let expectTime = false
  for (const token of output.split('\0')) {
    if (token.startsWith('\x1e')) {
      commit = { hash: token.slice(1), time: '' }
      expectTime = true
    } else if (expectTime && commit !== null) {
      // The committer date, normalised to UTC so times from different time zones compare as strings.
      commit.time = new Date(token).toISOString()
      expectTime = false
    } else if (commit !== null) {
      const name = token.startsWith('\n') ? token.slice(1) : token
      if (name !== '' && unchanged.has(name) && !found.has(name)) found.set(name, commit)
    }
    if (found.size === unchanged.size) break
  }
  return found
}

async function runGit(args: string[], cwd: string, maxBuffer = 64 * 1024 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      // Pathspecs are file names, not patterns: a name with `*` or `[` must match only itself.
      { cwd, maxBuffer, timeout: GIT_TIMEOUT_MS, encoding: 'utf8', env: { ...process.env, GIT_LITERAL_PATHSPECS: '1', GIT_OPTIONAL_LOCKS: '0' } },
      (error, stdout, stderr) => {
        if (error !== null) reject(Object.assign(error, { stderr }))
        else resolve(stdout)
      }
    )
  })
}

function gitFailure(error: unknown): string {
  if (errorCode(error) === 'ENOENT') return 'git is not installed'
  const stderr = typeof error === 'object' && error !== null && 'stderr' in error ? String(error.stderr).trim() : ''
  const firstLine = stderr.split('\n')[0]
  if (firstLine !== '') return firstLine
  return error instanceof Error ? error.message : String(error)
}
