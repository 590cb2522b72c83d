/**
 * Collect stage: finds artifact files in the workspace and reads them into tables.
 */
import path from 'node:path'
import { DEFAULT_ARTIFACT_PATTERNS, type CollectSettings } from '../settings/index.js'
import type { Logger } from '../logger.js'
import { readDelimited } from './csv.js'
import { describeNoArtifacts, findArtifacts } from './find.js'
import { readFileTimes } from './history.js'
import { readJson } from './json.js'
import { readJsonLines } from './jsonl.js'
import { readMarkdown } from './markdown.js'
import type { ArtifactFile, Collection, ParsedTable, ParseWarning, ProseBlock } from './types.js'

export type * from './types.js'
export { ArtifactParseError } from './errors.js'

export interface CollectOptions {
  /**
   * True for the base branch's tree. A base without artifacts is normal on the pull
   * request that adds the first ones, so patterns that match nothing are logged as
   * info there instead of as warnings.
   */
  baseline?: boolean
}

/**
 * Finds the files matched by `settings.patterns` under `workspace`, applies the
 * workspace boundary, size and content guards, and reads their last-commit times.
 * Warns about each pattern that matches nothing and when no file can be read, since
 * a typing error in the patterns would otherwise leave the gate nothing to check.
 */
export async function collectArtifacts(workspace: string, settings: CollectSettings, log: Logger, options: CollectOptions = {}): Promise<Collection> {
  const found = await findArtifacts(workspace, settings, log)
  const keys = found.candidates.map(candidate => path.relative(found.realWorkspace, candidate.realPath).split(path.sep).join('/'))
  const { history, times } = await readFileTimes(
    found.realWorkspace,
    found.candidates.map((candidate, index) => ({ key: keys[index], mtime: candidate.mtime })),
    log
  )

  const files: ArtifactFile[] = found.candidates.map((candidate, index) => {
    const time = times.get(keys[index]) ?? { modifiedAt: null, timeSource: 'unknown' as const, blob: null }
    return {
      path: candidate.path,
      absolutePath: candidate.absolutePath,
      realPath: candidate.realPath,
      format: candidate.format,
      size: candidate.size,
      modifiedAt: time.modifiedAt,
      timeSource: time.timeSource,
      blob: time.blob
    }
  })

  for (const notice of found.notices) log.warning(notice)
  // A repository usually keeps its artifacts in one of the three default folders, so the other two are expected to be empty.
  const defaultPatterns = sameList(settings.patterns, DEFAULT_ARTIFACT_PATTERNS)
  for (const notice of found.patternNotices) {
    if (options.baseline === true || defaultPatterns) log.info(notice)
    else log.warning(notice)
  }
  if (found.candidates.length === 0) {
    const message = describeNoArtifacts(settings, found)
    if (options.baseline === true) log.info(`Base tree: ${message}`)
    else log.warning(`${message} The report has no benchmark data, and the regression gate has nothing to check.`)
  }
  for (const warning of found.warnings) log.info(`${warning.path}: ${warning.message}`)
  for (const skipped of found.skipped) log.debug(`Skipped ${skipped.path}: ${skipped.reason}.`)
  const matched = Object.values(found.foundByExtension).reduce((total, count) => total + count, 0)
  log.info(`Found ${matched} files matching the artifact patterns: ${files.length} to read, ${found.skipped.length} skipped.`)

  return {
    workspace: path.resolve(workspace),
    files,
    skipped: found.skipped,
    foundByExtension: found.foundByExtension,
    history,
    warnings: found.warnings
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item.trim() === b[index])
}

/**
 * Reads one artifact into tables. Problems that leave the rest of the file usable
 * go to `onWarning`; a file that cannot be read at all throws `ArtifactParseError`.
 * `onProse`, when given, receives the size of a Markdown file's text outside tables.
 */
export async function* readTables(
  file: ArtifactFile,
  onWarning: (warning: ParseWarning) => void,
  onProse?: (prose: ProseBlock) => void
): AsyncGenerator<ParsedTable> {
  switch (file.format) {
    case 'csv':
      yield* readDelimited(file, onWarning)
      return
    case 'tsv':
      yield* readDelimited(file, onWarning, '\t')
      return
    case 'json':
      yield* readJson(file, onWarning)
      return
    case 'jsonl':
      yield* readJsonLines(file, onWarning)
      return
    case 'markdown':
      yield* readMarkdown(file, onWarning, onProse)
      return
  }
}
