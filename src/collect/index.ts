/**
 * Collect stage: finds artifact files in the workspace and reads them into tables.
 */
import type { CollectSettings } from '../settings/index.js'
import type { Logger } from '../logger.js'
import type { ArtifactFile, Collection, ParsedTable, ParseWarning } from './types.js'

export type * from './types.js'

/**
 * Finds the files matched by `settings.patterns` under `workspace`, applies the
 * workspace boundary, size and content guards, and reads their last-commit times.
 */
export async function collectArtifacts(workspace: string, settings: CollectSettings, log: Logger): Promise<Collection> {
  throw new Error('not implemented')
}

/**
 * Reads one artifact into tables. Problems that leave the rest of the file usable
 * go to `onWarning`; a file that cannot be read at all throws `ArtifactParseError`.
 */
export async function* readTables(file: ArtifactFile, onWarning: (warning: ParseWarning) => void): AsyncGenerator<ParsedTable> {
  throw new Error('not implemented')
}

/** A file that could not be parsed; `line` points at the cause when known. */
export class ArtifactParseError extends Error {
  constructor(
    readonly path: string,
    message: string,
    readonly line?: number
  ) {
    super(message)
    this.name = 'ArtifactParseError'
  }
}
