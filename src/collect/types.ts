/**
 * Types of the collect stage: which artifact files exist in the workspace, what
 * was skipped and why, and the tables parsed out of each file.
 */

/** File formats the parsers read. Every other extension is counted as skipped. */
export const ARTIFACT_FORMATS = ['csv', 'tsv', 'json', 'jsonl', 'markdown'] as const
export type ArtifactFormat = (typeof ARTIFACT_FORMATS)[number]

/** Source of a file's "last modified" time. */
export type TimeSource = 'git' | 'filesystem' | 'unknown'

/** One artifact file accepted for parsing. */
export interface ArtifactFile {
  /** Path relative to the workspace root, with `/` separators. */
  path: string
  /** Absolute path as matched by the glob (may go through a symbolic link). */
  absolutePath: string
  /** Resolved real path; used to read each file once. */
  realPath: string
  format: ArtifactFormat
  /** Size in bytes. */
  size: number
  /** ISO 8601 time of the last commit that touched the file, or the mtime when `timeSource` is `filesystem`. */
  modifiedAt: string | null
  timeSource: TimeSource
  /** Git blob id of the file content when known, so unchanged files can be parsed once for head and base. */
  blob: string | null
}

/** A file that was found but not parsed, or parsed only in part. */
export interface SkippedFile {
  path: string
  /** Plain-language reason, for example "binary or non-UTF-8 content (UTF-16 byte order mark)". */
  reason: string
  /** 1-based line of the problem, when one line is to blame. */
  line?: number
}

/** A problem inside a file that did not stop the file from being read. */
export interface ParseWarning {
  path: string
  line?: number
  message: string
}

/** The files found by the `artifacts` patterns. */
export interface Collection {
  /** Absolute workspace root. */
  workspace: string
  files: ArtifactFile[]
  skipped: SkippedFile[]
  /** Matched files per extension (lower case, without the dot; `other` for files with none), skipped files included. */
  foundByExtension: Record<string, number>
  /** Source of the modification times, for the report's footnote. */
  history: 'git' | 'shallow-git' | 'filesystem'
  /** Warnings raised while collecting, such as a link that leaves the workspace. */
  warnings: ParseWarning[]
}

/** A cell as read from the file: CSV cells are raw strings, JSON cells keep their JSON type. */
export type CellValue = string | number | boolean | null

export interface TableRow {
  /** 1-based line in the file where the row starts. */
  line: number
  cells: CellValue[]
}

/**
 * One table of records read from an artifact. A CSV file is one table; a JSON file
 * becomes one table per group of sibling records; a Markdown file one per pipe table.
 */
export interface ParsedTable {
  /** Workspace-relative path of the file. */
  path: string
  /** Location inside the file: '' for a CSV, a dotted JSON path such as `backends.eager.benchmark`, or `table 2` in Markdown. */
  location: string
  columns: string[]
  /** Unit per column from a units row or a JSON `unit` field; null where none was given. */
  units: (string | null)[]
  /**
   * Identifying values inherited from the enclosing JSON objects, such as `{ backend: 'eager' }`
   * or `{ series: 'chat', metric: 'latency' }`, applied to every row.
   */
  context: Record<string, string>
  /** Rows in file order. Streamed for CSV and JSON Lines: consume before asking for the next table. */
  rows: AsyncIterable<TableRow>
  /**
   * Passes the same rows as `rows` to `onRow`, in file order, without a promise per
   * row, and resolves after the last. Set by readers of large files (CSV). Read a
   * table through `rows` or through `eachRow`, not both.
   */
  eachRow?: (onRow: (cells: CellValue[], line: number) => void) => Promise<void>
}

/** Prose found in an artifact (Markdown outside tables), counted but never sent anywhere as instructions. */
export interface ProseBlock {
  path: string
  characters: number
}
