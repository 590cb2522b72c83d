/**
 * The machine-readable metrics document (metrics.json). Its schema is
 * versioned and documented in docs/metrics-schema.md. A change that removes or
 * renames a field, or changes a field's meaning, needs a new `schemaVersion`.
 * Series and comparison entries keep the field names of the analyze and compare
 * types, without the raw samples. Arrays are sorted and keys written in a fixed
 * order, so the same model gives the same JSON text.
 */
import { closeSync, openSync, writeSync } from 'node:fs'
import type { Direction, FailedRunGroup, Inventory, MetricDescriptor, SeriesMetric, SummaryStatistics } from '../analyze/types.js'
import type { BaselineSource, ComparisonState, GateStatistic, SeriesComparison, StatisticChange } from '../compare/types.js'
import { COMPARISON_STATES } from '../compare/types.js'
import type { ModelRunMetrics, NarrativeStatus } from '../narrate/types.js'
import type { ReportModel } from './index.js'
import { MIN_SAMPLES } from './report/statistics.js'
import { compareText, indexReport, type IndexedSeries, type ReportIndex } from './report/series-index.js'

export const METRICS_SCHEMA_VERSION = 1

/** Statistics of one series in its display unit, as the analyze stage computed them; null where a value is not finite. */
export interface MetricsStatistics {
  n: number
  mean: number | null
  stddev: number | null
  min: number | null
  max: number | null
  p50: number | null
  p90: number | null
  p95: number | null
  p99: number | null
}

/** One head series and metric. Field names follow `SeriesMetric`, without the samples. */
export interface MetricsSeries {
  path: string
  location: string
  benchmark: string
  runStamp: string | null
  seriesKey: string
  labels: Record<string, string>
  metric: MetricDescriptor
  /** Number of valid samples, or of reported values for an aggregate, and 0 when the series has no data. */
  n: number
  /** Null when the series has no data. */
  stats: MetricsStatistics | null
  /** Percentiles computed from fewer samples than their minimum, so close to the maximum; the report shows them as n/a. */
  lowSamplePercentiles: string[]
  /** The likely cold start: its 0-based index among the samples and its value. */
  coldStart: { index: number; value: number | null } | null
  droppedNonFinite: number
  failedRuns: number
  flags: { code: string; message: string }[]
  line: number
  /** State of this series in the comparison, or `not-compared` when it has no entry. */
  state: ComparisonState | 'not-compared'
}

/** One compared statistic. Field names follow `StatisticChange`. */
export interface MetricsChange {
  statistic: GateStatistic
  /** True when either side has fewer samples than the statistic's minimum, so the report shows it as n/a. */
  lowSample: boolean
  base: number | null
  head: number | null
  change: number | null
  pValue: number | null
  noTestReason: string | null
  threshold: number
  absoluteFloor: number
  exceedsThreshold: boolean
}

/** One compared series and metric. Field names follow `SeriesComparison`. */
export interface MetricsComparison {
  benchmark: string
  location: string | null
  seriesKey: string
  metric: MetricDescriptor
  direction: Direction
  state: ComparisonState
  headPath: string | null
  basePath: string | null
  headRun: string | null
  baseRun: string | null
  headN: number
  baseN: number
  gated: boolean
  failsJob: boolean
  changes: MetricsChange[]
  notes: string[]
  line: number
}

export interface MetricsDocument {
  schemaVersion: typeof METRICS_SCHEMA_VERSION
  run: {
    repository: string
    sha: string
    runId: string
    workflow: string
    job: string
    eventName: string
    prNumber: number | null
  }
  percentileMethod: string
  /** Minimum n for p90, p95 and p99; below it they are listed in `lowSamplePercentiles`. */
  percentileMinimumSamples: Record<string, number>
  verdict: {
    failed: boolean
    failureMessage: string | null
    counts: Record<ComparisonState, number>
  }
  baseline: {
    kind: BaselineSource['kind']
    ref: string | null
    /** Full SHA of the base commit when the baseline comes from git and the compare stage resolved it. */
    commit: string | null
    reason: string | null
  }
  gate: {
    statistic: GateStatistic
    threshold: number
    absoluteFloorMs: number
    alpha: number
    failOn: ComparisonState[]
    gateMetrics: string[]
    keepColdStarts: boolean
  }
  inventory: {
    totalFiles: number
    parsedFiles: number
    proseFiles: number
    history: Inventory['history']
    byType: Record<string, { files: number; newest: string | null; newestSource: 'git' | 'filesystem' | null }>
    byFolder: Record<string, { files: number; newest: string | null; newestSource: 'git' | 'filesystem' | null }>
    skipped: { path: string; line: number | null; reason: string }[]
  }
  series: MetricsSeries[]
  comparisons: MetricsComparison[]
  failedRuns: {
    path: string
    location: string
    seriesKey: string
    failed: number
    total: number
    topError: string
    topErrorCount: number
    line: number
  }[]
  warnings: { path: string; line: number | null; code: string; message: string }[]
  noise: {
    benchmark: string
    location: string | null
    seriesKey: string
    metric: string
    runs: number
    variation: number | null
    thresholdTooTight: boolean
  }[]
  narrative: {
    status: NarrativeStatus
    note: string | null
    removedSentences: number
    factsTrimmed: boolean
  }
  /** Figures of the model call, or null when no call was attempted or reused. */
  modelRun: ModelRunMetrics | null
}

/** The fields of `MetricsDocument` that grow with the artifacts, one entry per series, comparison, failure, warning or noise estimate. */
const LIST_FIELDS = ['series', 'comparisons', 'failedRuns', 'warnings', 'noise'] as const
type ListField = (typeof LIST_FIELDS)[number]

/** The metrics document with its long arrays as iterables that build each entry when read. */
type LazyMetricsDocument = Omit<MetricsDocument, ListField> & { [K in ListField]: Iterable<MetricsDocument[K][number]> }

/** Builds the metrics document for one report model. */
export function buildMetricsDocument(model: ReportModel): MetricsDocument {
  const lazy = lazyMetricsDocument(model, indexReport(model))
  return {
    ...lazy,
    series: [...lazy.series],
    comparisons: [...lazy.comparisons],
    failedRuns: [...lazy.failedRuns],
    warnings: [...lazy.warnings],
    noise: [...lazy.noise]
  }
}

/**
 * Writes the metrics document to `path` in chunks, with the same content as
 * `buildMetricsDocument`. Each entry of the long arrays is one compact line, so
 * neither the whole text nor all entries are held at once: with 20,000 files the
 * indented text took about 235 MB. `index` is the report's, when already built.
 */
export async function writeMetricsDocument(model: ReportModel, path: string, index: ReportIndex = indexReport(model)): Promise<void> {
  // Synchronous writes: nothing else runs meanwhile, and with asynchronous ones the
  // main thread waited for each write instead of encoding the next chunk.
  const descriptor = openSync(path, 'w')
  try {
    const writer = new BufferedWriter(descriptor, CHUNK_BYTES)
    for (const text of metricsJsonChunks(lazyMetricsDocument(model, index))) writer.write(text)
    writer.flush()
  } finally {
    closeSync(descriptor)
  }
}

/** Bytes per write of metrics.json. */
const CHUNK_BYTES = 1024 * 1024

/** Yields the JSON text of the document: one top-level field per line, and one line per entry of the long arrays. */
function* metricsJsonChunks(document: LazyMetricsDocument): Generator<string> {
  const fields = Object.entries(document)
  for (const [index, [name, value]] of fields.entries()) {
    const key = `${index === 0 ? '{\n' : ''}${JSON.stringify(name)}:`
    const end = index === fields.length - 1 ? '\n}\n' : ',\n'
    if (!(LIST_FIELDS as readonly string[]).includes(name)) {
      yield `${key}${JSON.stringify(value)}${end}`
      continue
    }
    let first = true
    for (const entry of value as Iterable<unknown>) {
      yield `${first ? `${key}[\n` : ',\n'}${JSON.stringify(entry)}`
      first = false
    }
    yield first ? `${key}[]${end}` : `\n]${end}`
  }
}

/**
 * Writes text to a file as UTF-8 through one buffer of `size` bytes, so the file gets
 * few, large writes and no buffer is allocated per write. Each string is encoded
 * into the buffer directly, because encoding one long joined string made V8 copy it
 * whole first, which took most of the write time.
 */
class BufferedWriter {
  private readonly buffer: Buffer
  private used = 0

  constructor(
    private readonly descriptor: number,
    size: number
  ) {
    this.buffer = Buffer.allocUnsafe(size)
  }

  write(text: string): void {
    // One UTF-16 code unit takes at most 3 bytes of UTF-8.
    const maxBytes = text.length * 3
    if (this.used + maxBytes > this.buffer.length) this.flush()
    if (maxBytes > this.buffer.length) writeAll(this.descriptor, Buffer.from(text, 'utf8'))
    else this.used += this.buffer.write(text, this.used, 'utf8')
  }

  flush(): void {
    writeAll(this.descriptor, this.buffer.subarray(0, this.used))
    this.used = 0
  }
}

function writeAll(descriptor: number, bytes: Buffer): void {
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(descriptor, bytes, offset)
}

function lazyMetricsDocument(model: ReportModel, index: ReportIndex): LazyMetricsDocument {
  const { head, comparison, narrative, run } = model

  return {
    schemaVersion: METRICS_SCHEMA_VERSION,
    run: {
      repository: run.repository,
      sha: run.sha,
      runId: run.runId,
      workflow: run.workflow,
      job: run.job,
      eventName: run.eventName,
      prNumber: run.prNumber
    },
    percentileMethod: head.percentileMethod,
    percentileMinimumSamples: { ...MIN_SAMPLES },
    verdict: {
      failed: comparison.failed,
      failureMessage: comparison.failureMessage,
      counts: Object.fromEntries(COMPARISON_STATES.map(state => [state, comparison.counts[state] ?? 0])) as Record<ComparisonState, number>
    },
    baseline: baselineOf(comparison.baseline),
    gate: {
      statistic: comparison.settings.statistic,
      threshold: comparison.settings.threshold,
      absoluteFloorMs: comparison.settings.absoluteFloorMs,
      alpha: comparison.settings.alpha,
      failOn: [...comparison.settings.failOn],
      gateMetrics: [...comparison.settings.gateMetrics],
      keepColdStarts: comparison.settings.keepColdStarts
    },
    inventory: inventoryOf(head.inventory),
    series: mapped([...index.series].sort(compareIndexedSeries), item => seriesOf(item.series, item.state)),
    comparisons: mapped([...comparison.entries].sort(compareComparisons), comparisonOf),
    failedRuns: mapped([...head.failures].sort(compareFailures), failureOf),
    warnings: mapped(
      [...head.warnings].sort((a, b) => compareText(a.path, b.path) || (a.line ?? 0) - (b.line ?? 0) || compareText(a.code, b.code) || compareText(a.message, b.message)),
      warning => ({ path: warning.path, line: warning.line ?? null, code: warning.code, message: warning.message })
    ),
    noise: mapped(
      [...comparison.noise].sort(
        (a, b) => compareText(a.benchmark, b.benchmark) || compareText(a.location ?? '', b.location ?? '') || compareText(a.seriesKey, b.seriesKey) || compareText(a.metric, b.metric)
      ),
      estimate => ({
        benchmark: estimate.benchmark,
        location: estimate.location ?? null,
        seriesKey: estimate.seriesKey,
        metric: estimate.metric,
        runs: estimate.runs,
        variation: finite(estimate.variation),
        thresholdTooTight: estimate.thresholdTooTight
      })
    ),
    narrative: {
      status: narrative.status,
      note: narrative.note,
      removedSentences: narrative.removedSentences,
      factsTrimmed: narrative.factsTrimmed
    },
    modelRun: narrative.run === null ? null : modelRunOf(narrative.run)
  }
}

/** Maps the items when iterated, each time anew, so no mapped array is kept. */
function mapped<T, U>(items: readonly T[], map: (item: T) => U): Iterable<U> {
  return {
    *[Symbol.iterator]() {
      for (const item of items) yield map(item)
    }
  }
}

/** Returns the value, or null when it is missing or not finite: JSON has no NaN or Infinity. */
function finite(value: number | null | undefined): number | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : value
}

/** Copies the record with its keys in text order; integer-like keys still come first, as in every JS object. */
function sortedRecord<T>(record: Record<string, T>): Record<string, T> {
  const keys = Object.keys(record)
  // Most records, such as a series' labels, are in order already: a plain copy saves a sort per series.
  if (keys.every((key, index) => index === 0 || compareText(keys[index - 1], key) <= 0)) return { ...record }
  return Object.fromEntries(Object.entries(record).sort((a, b) => compareText(a[0], b[0])))
}

function baselineOf(baseline: BaselineSource): MetricsDocument['baseline'] {
  return { kind: baseline.kind, ref: baseline.ref, commit: baseline.commit ?? null, reason: baseline.reason }
}

function inventoryOf(inventory: Inventory): MetricsDocument['inventory'] {
  const group = (value: Inventory['byType'][string]) => ({ files: value.files, newest: value.newest, newestSource: value.newestSource ?? null })
  return {
    totalFiles: inventory.totalFiles,
    parsedFiles: inventory.parsedFiles,
    proseFiles: inventory.proseFiles,
    history: inventory.history,
    byType: Object.fromEntries(Object.entries(sortedRecord(inventory.byType)).map(([name, value]) => [name, group(value)])),
    byFolder: Object.fromEntries(Object.entries(sortedRecord(inventory.byFolder)).map(([name, value]) => [name, group(value)])),
    skipped: [...inventory.skipped]
      .sort((a, b) => compareText(a.path, b.path) || (a.line ?? 0) - (b.line ?? 0) || compareText(a.reason, b.reason))
      .map(file => ({ path: file.path, line: file.line ?? null, reason: file.reason }))
  }
}

function seriesOf(series: SeriesMetric, state: MetricsSeries['state']): MetricsSeries {
  const stats = series.stats
  const n = stats?.n ?? 0
  const coldValue = series.coldStartIndex === null ? undefined : series.samples[series.coldStartIndex]

  return {
    path: series.path,
    location: series.location,
    benchmark: series.benchmark,
    runStamp: series.runStamp,
    seriesKey: series.seriesKey,
    labels: sortedRecord(series.labels),
    metric: metricOf(series.metric),
    n,
    stats: stats === null || n === 0 ? null : statisticsOf(stats),
    lowSamplePercentiles: Object.keys(MIN_SAMPLES).filter(name => n > 0 && n < MIN_SAMPLES[name]),
    coldStart: series.coldStartIndex === null ? null : { index: series.coldStartIndex, value: finite(coldValue) },
    droppedNonFinite: series.droppedNonFinite,
    failedRuns: series.failedRuns,
    flags: series.flags.map(flag => ({ code: flag.code, message: flag.message })),
    line: series.line,
    state
  }
}

function statisticsOf(stats: SummaryStatistics): MetricsStatistics {
  return {
    n: stats.n,
    mean: finite(stats.mean),
    stddev: finite(stats.stddev),
    min: finite(stats.min),
    max: finite(stats.max),
    p50: finite(stats.p50),
    p90: finite(stats.p90),
    p95: finite(stats.p95),
    p99: finite(stats.p99)
  }
}

function metricOf(metric: MetricDescriptor): MetricDescriptor {
  return {
    name: metric.name,
    kind: metric.kind,
    direction: metric.direction,
    unit: metric.unit,
    sourceUnit: metric.sourceUnit,
    aggregate: metric.aggregate
  }
}

function comparisonOf(entry: SeriesComparison): MetricsComparison {
  return {
    benchmark: entry.benchmark,
    location: entry.location ?? null,
    seriesKey: entry.seriesKey,
    metric: metricOf(entry.metric),
    direction: entry.direction,
    state: entry.state,
    headPath: entry.headPath,
    basePath: entry.basePath,
    headRun: entry.headRun,
    baseRun: entry.baseRun,
    headN: entry.headN,
    baseN: entry.baseN,
    gated: entry.gated,
    failsJob: entry.failsJob,
    changes: entry.changes.map(change => changeOf(change, Math.min(entry.headN, entry.baseN))),
    notes: [...entry.notes],
    line: entry.line
  }
}

function changeOf(change: StatisticChange, n: number): MetricsChange {
  const minimum = MIN_SAMPLES[change.statistic]
  return {
    statistic: change.statistic,
    lowSample: minimum !== undefined && n < minimum,
    base: finite(change.base),
    head: finite(change.head),
    change: finite(change.change),
    pValue: finite(change.pValue),
    noTestReason: change.noTestReason,
    threshold: change.threshold,
    absoluteFloor: change.absoluteFloor,
    exceedsThreshold: change.exceedsThreshold
  }
}

function failureOf(failure: FailedRunGroup): MetricsDocument['failedRuns'][number] {
  return {
    path: failure.path,
    location: failure.location,
    seriesKey: failure.seriesKey,
    failed: failure.failed,
    total: failure.total,
    topError: failure.topError,
    topErrorCount: failure.topErrorCount,
    line: failure.line
  }
}

function modelRunOf(run: ModelRunMetrics): ModelRunMetrics {
  return {
    model: run.model,
    digest: run.digest,
    calls: run.calls,
    tokensPerSecond: finite(run.tokensPerSecond),
    timeToFirstTokenMs: finite(run.timeToFirstTokenMs),
    wallClockMs: finite(run.wallClockMs),
    totalDurationMs: finite(run.totalDurationMs),
    loadDurationMs: finite(run.loadDurationMs),
    promptEvalDurationMs: finite(run.promptEvalDurationMs),
    evalDurationMs: finite(run.evalDurationMs),
    tokensGenerated: finite(run.tokensGenerated),
    promptTokens: finite(run.promptTokens),
    promptTokensEstimate: finite(run.promptTokensEstimate),
    doneReason: run.doneReason,
    options: sortedRecord(run.options),
    factsHash: run.factsHash
  }
}

function compareIndexedSeries({ series: a }: IndexedSeries, { series: b }: IndexedSeries): number {
  return compareText(a.path, b.path) || compareText(a.location, b.location) || compareText(a.seriesKey, b.seriesKey) || compareText(a.metric.name, b.metric.name)
}

function compareComparisons(a: SeriesComparison, b: SeriesComparison): number {
  return (
    compareText(a.benchmark, b.benchmark) ||
    compareText(a.location ?? '', b.location ?? '') ||
    compareText(a.seriesKey, b.seriesKey) ||
    compareText(a.metric.name, b.metric.name) ||
    compareText(a.headPath ?? '', b.headPath ?? '') ||
    compareText(a.basePath ?? '', b.basePath ?? '')
  )
}

function compareFailures(a: FailedRunGroup, b: FailedRunGroup): number {
  return compareText(a.path, b.path) || compareText(a.location, b.location) || compareText(a.seriesKey, b.seriesKey)
}
