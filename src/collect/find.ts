/**
 * Finds the artifact files: expands the glob patterns inside the workspace, keeps
 * every read inside it, and applies the size, content and count limits.
 */
import * as glob from '@actions/glob'
import { lstatSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs'
import { realpath } from 'node:fs/promises'
import path from 'node:path'
import type { Logger } from '../logger.js'
import type { CollectSettings } from '../settings/index.js'
import { Inputs } from '../settings/index.js'
import { sniffContent } from './content.js'
import type { ArtifactFormat, ParseWarning, SkippedFile } from './types.js'

/** A file that passed every guard, before its modification time is known. */
export interface Candidate {
  path: string
  absolutePath: string
  realPath: string
  format: ArtifactFormat
  size: number
  mtime: Date
}

export interface FoundArtifacts {
  /** The workspace with every symbolic link resolved; all real paths lie under it. */
  realWorkspace: string
  candidates: Candidate[]
  skipped: SkippedFile[]
  foundByExtension: Record<string, number>
  warnings: ParseWarning[]
  /** Run-level problems, such as a limit that was reached or an ignored pattern, for `log.warning`. */
  notices: string[]
  /**
   * One message per include pattern that matched no file, or matched only files of
   * unsupported types, and per exclusion that cannot exclude anything. The caller
   * picks the log level, because for the default patterns or a baseline tree an
   * empty folder is normal.
   */
  patternNotices: string[]
}

/** A pattern of the `artifacts` input, made absolute under the workspace. */
interface AnchoredPattern {
  /** The pattern as written in the input. */
  source: string
  /** Absolute glob pattern, without the leading `!` of an exclusion. */
  glob: string
  negate: boolean
  /** For a pattern of the form `folder/**` without glob characters in `folder`, that folder's absolute path. */
  tree: string | null
}

const FORMATS_BY_EXTENSION: Record<string, ArtifactFormat> = {
  csv: 'csv',
  tsv: 'tsv',
  json: 'json',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  md: 'markdown',
  markdown: 'markdown'
}

const SUPPORTED_EXTENSIONS = '.csv, .tsv, .json, .jsonl, .ndjson, .md and .markdown'

/** A match resolved to the file it reads, or to the reason it is skipped. */
type Resolved = ResolvedFile | { kind: 'skipped'; path: string; extension: string; reason: string; warn: boolean }

interface ResolvedFile {
  kind: 'file'
  path: string
  absolutePath: string
  realPath: string
  extension: string
  stats: Stats
}

/**
 * Expands `settings.patterns` relative to `workspace` and returns the readable
 * artifacts, sorted by path, with every skipped match and its reason.
 */
export async function findArtifacts(workspace: string, settings: CollectSettings, log: Logger): Promise<FoundArtifacts> {
  const root = path.resolve(workspace)
  let realWorkspace: string
  try {
    realWorkspace = await realpath(root)
  } catch (error) {
    throw new Error(`Workspace '${root}' cannot be read: ${errorCode(error)}.`)
  }

  const warnings: ParseWarning[] = []
  const notices: string[] = []
  const patterns = anchorPatterns(root, settings.patterns, message => notices.push(message))
  const matchesByPattern = await globEachInclude(patterns, log)
  const relativeByPattern = new Map<AnchoredPattern, string[]>()
  for (const [pattern, matches] of matchesByPattern) {
    relativeByPattern.set(
      pattern,
      matches.map(match => toPosix(path.relative(root, match))).filter(relative => relative !== '' && !relative.startsWith('../') && relative !== '..')
    )
  }
  const relativePaths = [...new Set([...relativeByPattern.values()].flat())].sort()

  const foundByExtension: Record<string, number> = {}
  const resolved: Resolved[] = []
  const realFolders = new Map<string, string>()
  for (const relative of relativePaths) {
    const item = resolveMatch(root, realWorkspace, relative, realFolders)
    foundByExtension[item.extension] = (foundByExtension[item.extension] ?? 0) + 1
    resolved.push(item)
  }

  const skipped: SkippedFile[] = []
  const skip = (relative: string, reason: string, warn: boolean): void => {
    skipped.push({ path: relative, reason })
    if (warn) warnings.push({ path: relative, message: `Skipped: ${reason}.` })
  }

  const readable: ResolvedFile[] = []
  for (const item of resolved) {
    if (item.kind === 'skipped') skip(item.path, item.reason, item.warn)
    else readable.push(item)
  }

  const candidates = applyGuards(deduplicate(readable, realWorkspace, skip), settings, skip, notices)

  skipped.sort((a, b) => compareStrings(a.path, b.path))
  warnings.sort((a, b) => compareStrings(a.path, b.path))
  const patternNotices = describePatternMatches(patterns, relativeByPattern)
  return { realWorkspace, candidates, skipped, foundByExtension: sortKeys(foundByExtension), warnings, notices, patternNotices }
}

/**
 * Describes the patterns that select nothing: an include pattern that matched no
 * file, or only files that are never read for their type, and an exclusion written
 * before every include pattern, which `@actions/glob` applies to nothing.
 */
function describePatternMatches(patterns: AnchoredPattern[], relativeByPattern: Map<AnchoredPattern, string[]>): string[] {
  const messages: string[] = []
  let includeSeen = false
  for (const [index, pattern] of patterns.entries()) {
    if (pattern.negate) {
      if (!includeSeen) {
        messages.push(
          `Exclusion '${pattern.source}' in input '${Inputs.Artifacts}' comes before every include pattern, so it excludes nothing; an exclusion applies only to the patterns above it.`
        )
      }
      continue
    }
    includeSeen = true

    const matches = relativeByPattern.get(pattern) ?? []
    if (matches.length === 0) {
      const excluded = patterns.slice(index + 1).some(later => later.negate) ? ' that the exclusions after it leave in' : ''
      // A common slip is several patterns on one line; each pattern needs its own line.
      const spaced = /\s/.test(pattern.source.trim()) ? ' It contains white space: write one pattern per line.' : ''
      messages.push(`Pattern '${pattern.source}' in input '${Inputs.Artifacts}' matched no file${excluded}; patterns are relative to the workspace root.${spaced}`)
    } else if (!matches.some(relative => isSupportedExtension(extensionOf(relative)))) {
      const files = matches.length === 1 ? '1 file' : `${matches.length} files`
      messages.push(`Pattern '${pattern.source}' in input '${Inputs.Artifacts}' matched ${files}, none of a type that is read (${SUPPORTED_EXTENSIONS}).`)
    }
  }
  return messages
}

/** Describes why no artifact file is read: no match at all, or every match skipped. */
export function describeNoArtifacts(settings: CollectSettings, found: FoundArtifacts): string {
  const matched = Object.values(found.foundByExtension).reduce((total, count) => total + count, 0)
  const patterns = settings.patterns.map(pattern => `'${pattern}'`).join(', ')
  let cause = `the patterns in input '${Inputs.Artifacts}' (${patterns}) matched no file`
  if (matched === 1) cause = `the only file matched by input '${Inputs.Artifacts}' was skipped (see the skipped files)`
  if (matched > 1) cause = `all ${matched} files matched by input '${Inputs.Artifacts}' were skipped (see the skipped files)`
  return `No artifact file was read: ${cause}.`
}

/**
 * Makes each pattern absolute under the workspace, escaping the workspace path so
 * that its own `*`, `?` or `[` are literal. Patterns that reach outside are dropped.
 */
function anchorPatterns(root: string, patterns: readonly string[], warn: (message: string) => void): AnchoredPattern[] {
  const anchored: AnchoredPattern[] = []
  for (const raw of patterns) {
    let pattern = raw.trim()
    let negate = ''
    while (pattern.startsWith('!')) {
      negate = negate === '' ? '!' : ''
      pattern = pattern.slice(1).trim()
    }
    if (pattern === '' || pattern.startsWith('#')) continue

    const absolute = path.isAbsolute(pattern) ? path.normalize(pattern) : path.join(root, pattern)
    const relative = path.relative(root, absolute)
    if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
      warn(`Pattern '${raw}' in input '${Inputs.Artifacts}' points outside the workspace and was ignored; patterns are relative to the workspace.`)
      continue
    }
    anchored.push({ source: raw.trim(), glob: `${escapeGlob(root)}${relative === '' ? '' : `/${toPosix(relative)}`}`, negate: negate === '!', tree: treeOf(root, toPosix(relative)) })
  }
  return anchored
}

/** Returns the folder whose whole tree `relative` (such as `artifacts/**`) matches, or null for any other pattern. */
function treeOf(root: string, relative: string): string | null {
  if (relative === '**') return root
  if (!relative.endsWith('/**')) return null
  const folder = relative.slice(0, -'/**'.length)
  return /[*?[\]{}\\]/.test(folder) ? null : path.join(root, folder)
}

/** Escapes glob characters in a literal path the way `@actions/glob` expects on Linux and macOS. */
function escapeGlob(literal: string): string {
  return literal
    .replace(/\\/g, '\\\\')
    .replace(/(\[)(?=[^/]+\])/g, '[[]')
    .replace(/\?/g, '[?]')
    .replace(/\*/g, '[*]')
}

/**
 * Globs each include pattern with the exclusions written after it, so that the
 * matches of every pattern are known. `@actions/glob` reads the patterns in order,
 * and an exclusion removes only what the patterns before it matched, so the union
 * of these runs is the set that one run over all patterns returns.
 */
async function globEachInclude(patterns: AnchoredPattern[], log: Logger): Promise<Map<AnchoredPattern, string[]>> {
  const matches = new Map<AnchoredPattern, string[]>()
  for (const [index, pattern] of patterns.entries()) {
    if (pattern.negate) continue
    const exclusions = patterns.slice(index + 1).filter(later => later.negate)
    if (exclusions.length === 0 && pattern.tree !== null && process.platform !== 'win32') {
      log.debug(`Pattern '${pattern.source}' matches every file under ${pattern.tree}; listing them directly.`)
      matches.set(pattern, listTree(pattern.tree))
      continue
    }
    matches.set(pattern, await globFiles([pattern.glob, ...exclusions.map(exclusion => `!${exclusion.glob}`)], log))
  }
  return matches
}

/**
 * Lists what `@actions/glob` returns for the pattern `folder/**` with the options of
 * `globFiles`: every entry under `folder` that is not a directory, hidden ones
 * included. Symbolic links are listed as themselves and never followed. A `folder`
 * that is not a directory is listed itself, and a missing one gives nothing. It reads
 * each folder synchronously: `@actions/glob` waits for one `lstat` per entry through
 * libuv's thread pool, which took 0.6 to 1.1 s for 20,000 files in 1,000 folders on
 * 2 shared CPUs, where this listing took about 0.05 s. An entry that cannot be found
 * again by its name, such as a name that is not valid UTF-8, is still listed, so that
 * `resolveMatch` skips it with a warning, where `@actions/glob` fails the whole listing.
 */
function listTree(folder: string): string[] {
  try {
    let top: Stats
    try {
      top = lstatSync(folder)
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return []
      throw error
    }
    if (!top.isDirectory()) return [folder]

    const files: string[] = []
    const pending = [folder]
    for (let current = pending.pop(); current !== undefined; current = pending.pop()) {
      for (const entry of readdirSync(current, { withFileTypes: true })) {
        const child = path.join(current, entry.name)
        if (entry.isDirectory()) pending.push(child)
        else files.push(child)
      }
    }
    return files
  } catch (error) {
    throw new Error(`Listing the files matched by input '${Inputs.Artifacts}' failed: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/**
 * Runs the glob without following symbolic links, so a link cycle or a link to a
 * large folder outside the workspace is never walked. Links come back as matches
 * and are checked one by one.
 *
 * NOTE: `@actions/glob` fails the whole listing on a file name that is not valid
 * UTF-8, so such a name stops the run here, while `listTree` skips it with a warning.
 */
async function globFiles(patterns: string[], log: Logger): Promise<string[]> {
  try {
    return await withDebugCommandsToLog(log, async () => {
      const globber = await glob.create(patterns.join('\n'), {
        followSymbolicLinks: false,
        implicitDescendants: true,
        matchDirectories: false
      })
      return globber.glob()
    })
  } catch (error) {
    throw new Error(`Listing the files matched by input '${Inputs.Artifacts}' failed: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/**
 * Sends the `::debug::` lines that `@actions/glob` writes straight to stdout through
 * the logger instead, so the command-line preview keeps stdout for the report. On a
 * runner the logger writes the same workflow command.
 */
async function withDebugCommandsToLog<T>(log: Logger, work: () => Promise<T>): Promise<T> {
  const original = process.stdout.write
  let forwarding = false
  const filtered = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
    if (!forwarding && typeof chunk === 'string' && chunk.startsWith('::debug::')) {
      forwarding = true
      try {
        log.debug(chunk.slice('::debug::'.length).trimEnd())
      } finally {
        forwarding = false
      }
      return true
    }
    return (original as (...args: unknown[]) => boolean).call(this, chunk, ...rest)
  }
  process.stdout.write = filtered as typeof process.stdout.write
  try {
    return await work()
  } finally {
    process.stdout.write = original
  }
}

/**
 * Resolves one match: follows a symbolic link by its real path and checks that it stays inside.
 * The file system calls are synchronous because for small files a round trip through
 * libuv's thread pool costs several times the call itself, and nothing else runs
 * during discovery.
 */
function resolveMatch(root: string, realWorkspace: string, relative: string, realFolders: Map<string, string>): Resolved {
  const absolutePath = path.join(root, relative)
  const extension = extensionOf(relative)
  const skipped = (reason: string, warn: boolean): Resolved => ({ kind: 'skipped', path: relative, extension, reason, warn })

  let link: Stats
  try {
    link = lstatSync(absolutePath)
  } catch (error) {
    // Node.js decodes a file name that is not UTF-8 with U+FFFD, so the decoded name no longer opens the file.
    if (relative.includes('\uFFFD')) return skipped('file name is not valid UTF-8, so it cannot be opened; rename the file', true)
    return skipped(`cannot be read (${errorCode(error)})`, true)
  }

  let realPath: string
  try {
    // The native realpath(3), as `fs.promises.realpath` uses: it reports a link cycle as ELOOP.
    realPath = link.isSymbolicLink() ? realpathSync.native(absolutePath) : inRealFolder(absolutePath, realFolders)
  } catch (error) {
    const code = errorCode(error)
    if (code === 'ELOOP') return skipped('symbolic link cycle', true)
    if (code === 'ENOENT') return skipped('broken symbolic link', false)
    return skipped(`cannot be read (${code})`, true)
  }
  if (!isInside(realWorkspace, realPath)) {
    return skipped('symbolic link to a path outside the workspace; files outside the workspace are never read', true)
  }

  let target: Stats
  try {
    target = link.isSymbolicLink() ? statSync(realPath) : link
  } catch (error) {
    return skipped(`cannot be read (${errorCode(error)})`, true)
  }
  if (target.isDirectory()) {
    return skipped('symbolic link to a directory; such links are not followed, and the files are read at their real path when a pattern matches it', false)
  }
  if (!target.isFile()) return skipped('not a regular file', true)

  if (!isSupportedExtension(extension)) {
    return skipped(`unsupported file type; artifacts are ${SUPPORTED_EXTENSIONS} files`, false)
  }
  return { kind: 'file', path: relative, absolutePath, realPath, extension, stats: target }
}

/**
 * Returns the real path of a file that is not a symbolic link itself: its name in the
 * real path of its folder. The folder's is looked up once per folder in `realFolders`,
 * which saves a realpath call per file.
 */
function inRealFolder(absolutePath: string, realFolders: Map<string, string>): string {
  const folder = path.dirname(absolutePath)
  let realFolder = realFolders.get(folder)
  if (realFolder === undefined) {
    realFolder = realpathSync.native(folder)
    realFolders.set(folder, realFolder)
  }
  return path.join(realFolder, path.basename(absolutePath))
}

/** Keeps one match per real path: the one at the file's own location when it was matched, else the first. */
function deduplicate(
  readable: ResolvedFile[],
  realWorkspace: string,
  skip: (relative: string, reason: string, warn: boolean) => void
): ResolvedFile[] {
  const byRealPath = new Map<string, ResolvedFile[]>()
  for (const item of readable) {
    const group = byRealPath.get(item.realPath)
    if (group === undefined) byRealPath.set(item.realPath, [item])
    else group.push(item)
  }

  const chosenFiles: ResolvedFile[] = []
  for (const [realPath, group] of byRealPath) {
    const ownPath = toPosix(path.relative(realWorkspace, realPath))
    const chosen = group.find(item => item.path === ownPath) ?? group[0]
    chosenFiles.push(chosen)
    for (const item of group) {
      if (item !== chosen) skip(item.path, `same file as ${chosen.path} (reached through a symbolic link); read once`, false)
    }
  }
  return chosenFiles.sort((a, b) => compareStrings(a.path, b.path))
}

/**
 * Applies the per-file size limit and the content check, then the file-count and
 * total-size limits in path order. Once either limit is reached, every later file
 * is left out, so the result does not depend on which small files happen to fit.
 */
function applyGuards(
  readable: ResolvedFile[],
  settings: CollectSettings,
  skip: (relative: string, reason: string, warn: boolean) => void,
  notices: string[]
): Candidate[] {
  const candidates: Candidate[] = []
  let totalBytes = 0
  let limitReason: string | null = null
  let leftOut = 0

  for (const item of readable) {
    const size = item.stats.size
    if (limitReason === null && size > settings.maxFileBytes) {
      skip(item.path, `larger than the ${Inputs.MaxFileSize} limit (${size} bytes > ${settings.maxFileBytes} bytes)`, true)
      continue
    }
    if (limitReason === null) {
      // NOTE: invalid UTF-8 within the sniffed bytes skips the file, while later bytes
      // are replaced with U+FFFD and warned with their line (see `Utf8Checker`).
      const nonText = sniffOrDescribeError(item.realPath, size)
      if (nonText !== null) {
        skip(item.path, nonText, true)
        continue
      }
      if (candidates.length >= settings.maxFiles) {
        limitReason = `left out because the ${Inputs.MaxFiles} limit of ${settings.maxFiles} files was reached`
      } else if (totalBytes + size > settings.maxTotalBytes) {
        limitReason = `left out because the ${Inputs.MaxTotalSize} limit of ${settings.maxTotalBytes} bytes was reached`
      }
    }
    if (limitReason !== null) {
      skip(item.path, limitReason, false)
      leftOut++
      continue
    }
    totalBytes += size
    candidates.push({
      path: item.path,
      absolutePath: item.absolutePath,
      realPath: item.realPath,
      format: FORMATS_BY_EXTENSION[item.extension],
      size,
      mtime: item.stats.mtime
    })
  }

  if (limitReason !== null) {
    notices.push(`${leftOut} artifact files were ${limitReason}; they are listed as skipped, and the other ${candidates.length} files were read.`)
  }
  return candidates
}

/** Returns why the file is not read as text, a read error included, or null for text. */
function sniffOrDescribeError(realPath: string, size: number): string | null {
  try {
    return sniffContent(realPath, size)
  } catch (error) {
    return `cannot be read (${errorCode(error)})`
  }
}

/** Own keys only, so that a file named `x.constructor` is not taken for a supported type. */
function isSupportedExtension(extension: string): boolean {
  return Object.hasOwn(FORMATS_BY_EXTENSION, extension)
}

/** Lower-case extension without the dot; `other` for a file without one. */
function extensionOf(relative: string): string {
  const extension = path.posix.extname(relative).slice(1).toLowerCase()
  return extension === '' ? 'other' : extension
}

function isInside(directory: string, candidate: string): boolean {
  const relative = path.relative(directory, candidate)
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative))
}

function toPosix(relative: string): string {
  return path.sep === '/' ? relative : relative.split(path.sep).join('/')
}

/** Orders by UTF-16 code units, which is stable across locales. */
export function compareStrings(a: string, b: string): number {
  if (a < b) return -1
  if (a > b) return 1
  return 0
}

function sortKeys(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => compareStrings(a, b)))
}

export function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code
  return error instanceof Error ? error.message : String(error)
}
