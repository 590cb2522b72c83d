/**
 * Helpers for the collect tests: paths of the shared cases and corpus, temporary
 * workspaces, and reading every table of a file into memory.
 */
import { existsSync } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { readTables, type ArtifactFile, type ArtifactFormat, type ParseWarning, type ParsedTable, type TableRow } from '../../src/collect/index.js'
import type { CollectSettings } from '../../src/settings/index.js'

export const repoRoot = path.resolve(import.meta.dirname, '../..')
export const sharedRoot = path.resolve(repoRoot, '../shared')
export const corpusRoot = path.join(sharedRoot, 'corpus', 'chimera')

/** Absolute path of a file of a shared case, such as `caseFile('B01', 'reports/latency_bom.csv')`. */
export function caseFile(caseId: string, relative: string): string {
  return path.join(sharedRoot, 'cases', caseId, relative)
}

/** Returns the reason to skip a test that needs `folder` under `../shared`, or false when it exists. */
export function sharedMissing(folder: string): string | false {
  return existsSync(folder) ? false : `${folder} is absent: the shared cases and corpus sit beside the repository as ../shared`
}

export const FORMATS: Record<string, ArtifactFormat> = {
  csv: 'csv',
  tsv: 'tsv',
  json: 'json',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  md: 'markdown'
}

/** Builds an ArtifactFile for a file on disk, with the format taken from the extension. */
export async function artifactAt(absolutePath: string, relative = path.basename(absolutePath)): Promise<ArtifactFile> {
  const extension = path.extname(absolutePath).slice(1).toLowerCase()
  const format = FORMATS[extension]
  if (format === undefined) throw new Error(`No artifact format for ${absolutePath}`)
  const { size } = await stat(absolutePath)
  return { path: relative, absolutePath, realPath: absolutePath, format, size, modifiedAt: null, timeSource: 'unknown', blob: null }
}

export interface ReadTable extends Omit<ParsedTable, 'rows'> {
  rows: TableRow[]
}

/** Reads every table of a file with its rows, and the warnings raised on the way. */
export async function readAll(file: ArtifactFile): Promise<{ tables: ReadTable[]; warnings: ParseWarning[] }> {
  const warnings: ParseWarning[] = []
  const tables: ReadTable[] = []
  for await (const table of readTables(file, warning => warnings.push(warning))) {
    const rows: TableRow[] = []
    for await (const row of table.rows) rows.push(row)
    tables.push({ ...table, rows })
  }
  return { tables, warnings }
}

/** Creates a temporary folder, removed by the returned function. */
export async function temporaryFolder(prefix: string): Promise<{ folder: string; remove: () => Promise<void> }> {
  const folder = await mkdtemp(path.join(tmpdir(), `${prefix}-`))
  return { folder, remove: () => rm(folder, { recursive: true, force: true }) }
}

export function collectSettings(overrides: Partial<CollectSettings> = {}): CollectSettings {
  return {
    patterns: ['reports/**', 'csv_data/**', 'artifacts/**'],
    maxFileBytes: 256 * 1024 * 1024,
    maxTotalBytes: 2 * 1024 * 1024 * 1024,
    maxFiles: 50_000,
    maxSeries: 10_000,
    ...overrides
  }
}

/**
 * Reads `file` with `eachRow` and a consumer that throws on row `throwAt`; resolves
 * to what the read rejected with, so a test can check that it is the consumer's error.
 */
export async function errorFromConsumer(file: string, throwAt: number, thrown: Error): Promise<unknown> {
  let seen = 0
  try {
    for await (const table of readTables(await artifactAt(file), () => {})) {
      await table.eachRow?.(() => {
        seen++
        if (seen === throwAt) throw thrown
      })
    }
  } catch (error) {
    return error
  }
  return null
}
