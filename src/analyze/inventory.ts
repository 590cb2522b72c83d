/**
 * The inventory of a tree: what was found per type and per top-level folder, and
 * when it last changed according to git history.
 */
import type { ArtifactFile, Collection, SkippedFile } from '../collect/types.js'
import type { Inventory, InventoryGroup } from './types.js'

/** Results of reading the files, for the inventory. */
export interface ReadSummary {
  /** Files read without a fatal parse error. */
  parsedFiles: number
  /** Files that could not be parsed at all, with the reason. */
  unreadable: SkippedFile[]
  /** Markdown files without a table. */
  proseFiles: number
}

/**
 * Counts files per type and per top-level folder. The newest time of a group comes
 * from the last commit that touched its files. Only when none of its files has git
 * history is the file system's mtime used, and `newestSource` is then `filesystem`.
 */
export function buildInventory(collection: Collection, read: ReadSummary): Inventory {
  const byType: Record<string, GroupBuilder> = {}
  const byFolder: Record<string, GroupBuilder> = {}
  const accepted = new Set(collection.files.map(file => file.path))

  for (const file of collection.files) {
    addTo(byType, file.format, file)
    addTo(byFolder, topFolder(file.path), file)
  }
  const skippedPaths = new Set<string>()
  for (const skipped of collection.skipped) {
    if (accepted.has(skipped.path) || skippedPaths.has(skipped.path)) continue
    skippedPaths.add(skipped.path)
    addTo(byType, typeOf(skipped.path), null)
    addTo(byFolder, topFolder(skipped.path), null)
  }

  return {
    totalFiles: accepted.size + skippedPaths.size,
    byType: finishGroups(byType),
    byFolder: finishGroups(byFolder),
    parsedFiles: read.parsedFiles,
    skipped: [...collection.skipped, ...read.unreadable].sort((a, b) => compareText(a.path, b.path) || (a.line ?? 0) - (b.line ?? 0)),
    history: collection.history,
    proseFiles: read.proseFiles
  }
}

interface GroupBuilder {
  files: number
  newestGit: string | null
  newestFilesystem: string | null
}

function addTo(groups: Record<string, GroupBuilder>, key: string, file: ArtifactFile | null): void {
  const group = (groups[key] ??= { files: 0, newestGit: null, newestFilesystem: null })
  group.files++
  if (file === null || file.modifiedAt === null) return
  if (file.timeSource === 'git') group.newestGit = newer(group.newestGit, file.modifiedAt)
  else if (file.timeSource === 'filesystem') group.newestFilesystem = newer(group.newestFilesystem, file.modifiedAt)
}

function finishGroups(groups: Record<string, GroupBuilder>): Record<string, InventoryGroup> {
  const result: Record<string, InventoryGroup> = {}
  for (const key of Object.keys(groups).sort(compareText)) {
    const group = groups[key]
    if (group.newestGit !== null) result[key] = { files: group.files, newest: group.newestGit, newestSource: 'git' }
    else if (group.newestFilesystem !== null) result[key] = { files: group.files, newest: group.newestFilesystem, newestSource: 'filesystem' }
    else result[key] = { files: group.files, newest: null, newestSource: null }
  }
  return result
}

function newer(current: string | null, candidate: string): string {
  if (current === null) return candidate
  return Date.parse(candidate) > Date.parse(current) ? candidate : current
}

/** First path segment, or `.` for a file at the workspace root. */
function topFolder(path: string): string {
  const slash = path.indexOf('/')
  return slash < 0 ? '.' : path.slice(0, slash)
}

/** Extensions whose files have a parser, by the format name that accepted files carry. */
const FORMAT_OF_EXTENSION: Record<string, string> = { md: 'markdown', markdown: 'markdown', ndjson: 'jsonl' }

/**
 * Type of a skipped file: the format it would have been read as, else its lower-case
 * extension, `other` when there is none (as `Collection.foundByExtension` counts).
 */
function typeOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1)
  const dot = name.lastIndexOf('.')
  if (dot <= 0) return 'other'
  const extension = name.slice(dot + 1).toLowerCase()
  return FORMAT_OF_EXTENSION[extension] ?? extension
}

/** Orders strings by UTF-16 code units, as `Array.prototype.sort` does, independent of locale. */
export function compareText(a: string, b: string): number {
  if (a === b) return 0
  return a < b ? -1 : 1
}
