/**
 * Analyze stage: recognises metrics and series in the parsed tables and computes
 * their statistics, failed runs and the inventory.
 */
import { ArtifactParseError, readTables } from '../collect/index.js'
import type { ArtifactFile, Collection, ParsedTable, ParseWarning, SkippedFile } from '../collect/types.js'
import type { Logger } from '../logger.js'
import { buildInventory, compareText } from './inventory.js'
import { identifyBenchmark, toIso } from './runs.js'
import { DEFAULT_SAMPLE_BUDGET, DEFAULT_SAMPLE_LIMIT, SampleBudget } from './sample-accumulator.js'
import { PERCENTILE_METHOD } from './statistics.js'
import { FileAnalyzer } from './table.js'
import type { Analysis, DataWarning, FailedRunGroup, SeriesMetric } from './types.js'

export type * from './types.js'
export { PERCENTILE_METHOD } from './statistics.js'

export interface AnalyzeOptions {
  /** Largest number of distinct series per file; further series are counted and left out. */
  maxSeries: number
  /** Samples per series kept for exact statistics; beyond it, percentiles come from a sketch. Default 5,000,000. */
  sampleLimit?: number
  /**
   * Samples kept exactly across all series of the files being read at one time: each
   * file gets an equal share (budget / concurrency), so results depend neither on the
   * order in which concurrent files deliver rows nor on the other files read: a file
   * unchanged between base and head gets the same statistics. Default 16,777,216, that is 128 MiB
   * of float64. A series
   * that needs more keeps exact n, mean, stddev, min and max, percentiles from a
   * DDSketch (within 1 %) and a seeded sample of 10,000 for the significance test,
   * and is flagged. Below the budget every statistic is exact.
   */
  sampleBudget?: number
  /** Files read at the same time. Default 4; results do not depend on it. */
  concurrency?: number
  /**
   * Results of files already analyzed, by git blob id and path. The head and base
   * passes share one, so a file the pull request did not change is parsed once.
   */
  cache?: Map<string, FileOutcome>
  /** Milliseconds between progress lines in the log during long work. Default 10,000. */
  progressIntervalMs?: number
}

/** Series, failed runs and warnings of one file. */
export interface FileAnalysis {
  path: string
  series: SeriesMetric[]
  failures: FailedRunGroup[]
  warnings: DataWarning[]
  /** Tables found in the file; 0 for a Markdown file that is only prose. */
  tables: number
  /** Decisions worth a log line but no report warning, such as a column left out as interval bounds. */
  notes: string[]
}

const DEFAULT_CONCURRENCY = 4
const DEFAULT_PROGRESS_INTERVAL_MS = 10_000

/**
 * Computes the series of one artifact from its tables, which are consumed in order
 * (each table's rows before the next table). Sets the benchmark id and run stamp:
 * the newest timestamp in the content when it has a UTC offset, else the stamp in
 * the path, else a timestamp of the content without offset. Times without an offset
 * are read as UTC, with a warning.
 */
export async function analyzeTables(
  path: string,
  tables: AsyncIterable<ParsedTable> | Iterable<ParsedTable>,
  options: AnalyzeOptions,
  budget: SampleBudget = new SampleBudget(options.sampleBudget ?? DEFAULT_SAMPLE_BUDGET)
): Promise<FileAnalysis> {
  const file = new FileAnalyzer(path, { maxSeries: options.maxSeries, sampleLimit: options.sampleLimit ?? DEFAULT_SAMPLE_LIMIT, sampleBudget: budget })
  for await (const table of tables) await file.addTable(table)
  const result = file.finish()

  const identity = identifyBenchmark(path)
  const content = result.newestTimestamp
  let stamp = content
  if (content === null || (!content.hasOffset && identity.stamp !== null)) stamp = identity.stamp
  if (stamp !== null && !stamp.hasOffset) {
    const message =
      stamp === identity.stamp
        ? 'The run stamp in the path has no UTC offset and was read as UTC.'
        : 'The timestamps in the file have no UTC offset and were read as UTC.'
    result.warnings.push({ path, code: 'timestamp-without-offset', message })
  }
  const runStamp = stamp === null ? null : toIso(stamp)
  for (const series of result.series) {
    series.benchmark = identity.benchmark
    series.runStamp = runStamp
  }
  return { path, series: result.series, failures: result.failures, warnings: result.warnings, tables: result.tables, notes: result.notes }
}

/** Reads every collected file and computes the facts of the tree. */
export async function analyzeCollection(collection: Collection, options: AnalyzeOptions, log: Logger): Promise<Analysis> {
  const files = [...collection.files].sort((a, b) => compareText(a.path, b.path))
  const progress = new ProgressLog(files, options.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS, log)
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY
  // A share per file, not one pool: with a pool, which series exceed it would depend on
  // the order in which concurrent files deliver rows, and the report must be deterministic.
  // NOTE: samples of finished files stay in memory for the comparison, so the bound holds
  // per file being read; the total retained grows with the number of large files.
  const fileBudget = Math.floor((options.sampleBudget ?? DEFAULT_SAMPLE_BUDGET) / concurrency)
  let outcomes: FileOutcome[]
  try {
    outcomes = await mapConcurrently(files, concurrency, async file => {
      progress.started(file)
      const outcome = await analyzeCachedFile(file, options, new SampleBudget(fileBudget), log)
      progress.finished(file)
      return outcome
    })
  } finally {
    progress.stop()
  }

  const series: SeriesMetric[] = []
  const failures: FailedRunGroup[] = []
  const warnings: DataWarning[] = collection.warnings.map(warning => ({ ...warning, code: 'collect' }))
  const unreadable: SkippedFile[] = []
  let proseFiles = 0
  for (const outcome of outcomes) {
    warnings.push(...outcome.parseWarnings.map(warning => ({ ...warning, code: 'parse' })))
    if ('skipped' in outcome) {
      unreadable.push(outcome.skipped)
      continue
    }
    series.push(...outcome.analysis.series)
    failures.push(...outcome.analysis.failures)
    warnings.push(...outcome.analysis.warnings)
    if (outcome.prose) proseFiles++
  }

  const inventory = buildInventory(collection, { parsedFiles: files.length - unreadable.length, unreadable, proseFiles })
  log.info(
    `Analyzed ${inventory.parsedFiles} of ${files.length} files: ${series.length} series and metrics, ${failures.length} groups of failed runs, ${warnings.length} data warnings.`
  )
  return { inventory, series, failures, warnings, percentileMethod: PERCENTILE_METHOD }
}

/** Result of reading one file: its analysis, or the reason it was skipped. */
export type FileOutcome =
  | { analysis: FileAnalysis; parseWarnings: ParseWarning[]; prose: boolean }
  | { skipped: SkippedFile; parseWarnings: ParseWarning[] }

/** Analyzes a file, or reuses the result for the same content at the same path. */
async function analyzeCachedFile(file: ArtifactFile, options: AnalyzeOptions, budget: SampleBudget, log: Logger): Promise<FileOutcome> {
  const key = options.cache === undefined || file.blob === null ? null : `${file.blob}\0${file.path}`
  const cached = key === null ? undefined : options.cache?.get(key)
  if (cached !== undefined) {
    log.debug(`${file.path}: unchanged (blob ${file.blob?.slice(0, 12)}), reusing its analysis.`)
    return cached
  }
  const outcome = await analyzeFile(file, options, budget, log)
  if (key !== null) options.cache?.set(key, outcome)
  return outcome
}

async function analyzeFile(file: ArtifactFile, options: AnalyzeOptions, budget: SampleBudget, log: Logger): Promise<FileOutcome> {
  const parseWarnings: ParseWarning[] = []
  try {
    const analysis = await analyzeTables(file.path, readTables(file, warning => parseWarnings.push(warning)), options, budget)
    for (const warning of [...parseWarnings, ...analysis.warnings]) log.info(describeWarning(warning))
    for (const note of analysis.notes) log.info(`${file.path}: ${note}`)
    return { analysis, parseWarnings, prose: file.format === 'markdown' && analysis.tables === 0 }
  } catch (error) {
    // One unreadable file must not stop the run: it is listed as skipped with the reason.
    const skipped: SkippedFile =
      error instanceof ArtifactParseError
        ? { path: file.path, reason: error.message, ...(error.line === undefined ? {} : { line: error.line }) }
        : { path: file.path, reason: `could not be read: ${error instanceof Error ? error.message : String(error)}` }
    log.info(describeWarning({ path: skipped.path, line: skipped.line, message: `Skipped: ${skipped.reason}` }))
    return { skipped, parseWarnings }
  }
}

function describeWarning(warning: ParseWarning): string {
  return `${warning.path}${warning.line === undefined ? '' : `:${warning.line}`}: ${warning.message}`
}

/**
 * Logs, at a fixed interval while files are being read, how many are done, the
 * megabytes of the finished ones, the elapsed time and the files still open, so a
 * long run shows where its time goes. Silent for runs shorter than one interval.
 */
class ProgressLog {
  private readonly startedAt = Date.now()
  private readonly open = new Set<ArtifactFile>()
  private readonly totalBytes: number
  private done = 0
  private doneBytes = 0
  private readonly timer: NodeJS.Timeout

  constructor(
    private readonly files: readonly ArtifactFile[],
    intervalMs: number,
    private readonly log: Logger
  ) {
    this.totalBytes = files.reduce((sum, file) => sum + file.size, 0)
    this.timer = setInterval(() => this.report(), intervalMs)
    // Progress lines must never keep the process alive.
    this.timer.unref()
  }

  started(file: ArtifactFile): void {
    this.open.add(file)
  }

  finished(file: ArtifactFile): void {
    this.open.delete(file)
    this.done++
    this.doneBytes += file.size
  }

  stop(): void {
    clearInterval(this.timer)
  }

  private report(): void {
    const seconds = ((Date.now() - this.startedAt) / 1000).toFixed(0)
    const reading = [...this.open].map(file => `${file.path} (${megabytes(file.size)} MB)`).join(', ')
    this.log.info(
      `Progress: ${this.done} of ${this.files.length} files read, ${megabytes(this.doneBytes)} of ${megabytes(this.totalBytes)} MB, ${seconds} s elapsed` +
        (reading === '' ? '.' : `; reading ${reading}.`)
    )
  }
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1)
}

/** Runs `work` on every item with at most `limit` running at once; results keep the items' order. */
async function mapConcurrently<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      results[index] = await work(items[index])
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker))
  return results
}
