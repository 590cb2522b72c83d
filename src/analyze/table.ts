/**
 * Turns the tables of one artifact file into series: groups rows by their identifying
 * values, leaves failed runs out of the samples, and computes each series' statistics.
 *
 * Series keys. Columns that identify a configuration (`model`, `backend`, `num_ctx`)
 * always key the series. Columns that identify one request of a workload (`prompt`,
 * `prompt_text`, `test_name`) key it too, unless their value differs on every row of
 * a table with more than one row, counting rows of the same configuration only (the
 * same five prompts sent to three models are distinct within each model): then they
 * are per-row labels, because every row is another request of the same series (a
 * prompt suite), and keying by them would give every series n = 1. To bound memory,
 * when a file reaches `maxSeries` series, or a workload column more than `maxSeries`
 * distinct values, workload columns whose values have not repeated so far become
 * per-row labels at that point.
 * Identifying fields of nested objects (dotted columns such as `compilation.backend`)
 * key the series only when the table has no top-level identifier and no context.
 * Row numbers (`prompt_index`, `id`, `run`) and timestamps never key a series.
 */
import type { CellValue, ParsedTable } from '../collect/types.js'
import { classifyColumnCached, isConfigurationWhenNumeric, isRunStampName, type ColumnClass, type MetricColumn } from './columns.js'
import { GroupIndex } from './group-index.js'
import { compareText } from './inventory.js'
import { MetricColumnReader, SeriesSamples } from './metric-column.js'
import type { SampleBudget } from './sample-accumulator.js'
import { NewestTimestamp } from './newest-timestamp.js'
import type { ParsedTime } from './runs.js'
import { COLD_START_FACTOR, lowSampleFlag } from './statistics.js'
import type { AggregateKind, DataWarning, Direction, FailedRunGroup, MetricDescriptor, SeriesFlag, SeriesMetric } from './types.js'
import { resolveUnit } from './units.js'
import { findPhaseColumns, isZeroCell, phaseMissing } from './zero-latency.js'

export interface TableLimits {
  /** Largest number of distinct series per file; rows of further series are counted and left out. */
  maxSeries: number
  /** Samples per series kept exactly; beyond, percentiles come from a sketch. */
  sampleLimit: number
  /** Sample slots shared with the other files of the run. */
  sampleBudget: SampleBudget
}

/** Most distinct error messages counted per series; the rest are counted together. */
const MAX_ERROR_MESSAGES = 100
/** Most distinct left-out series counted exactly, so the count itself stays bounded. */
const MAX_COUNTED_DROPPED_SERIES = 100_000

const STATUS_FAILED = new Set(['failed', 'failure', 'fail', 'error', 'errored', 'crashed', 'timeout', 'timed_out', 'timed out', 'aborted'])
const FALSE_VALUES = new Set(['false', '0', 'no', 'n', 'f'])
const NO_ERROR_VALUES = new Set(['', 'none', 'null', 'nan', 'n/a', 'na', '0', 'false', 'no', '-', 'ok'])

const AGGREGATE_NAMES: Record<AggregateKind, string> = {
  mean: 'means',
  median: 'medians',
  p90: '90th percentiles',
  p95: '95th percentiles',
  p99: '99th percentiles',
  min: 'minimums',
  max: 'maximums',
  std: 'standard deviations',
  total: 'totals',
  percentile: 'percentiles'
}

/** Series, failed runs and warnings of one file, before the run stamp and benchmark id are set. */
export interface FileSeries {
  series: SeriesMetric[]
  failures: FailedRunGroup[]
  warnings: DataWarning[]
  /** Newest timestamp in a timestamp column or field, preferring those with a UTC offset. */
  newestTimestamp: ParsedTime | null
  tables: number
  /** Decisions worth a log line but no report warning, such as a column left out as interval bounds. */
  notes: string[]
}

/** Rows sharing the same identifying values. */
class Group {
  rows = 0
  failed = 0
  firstLine = 0
  firstFailedLine = 0
  readonly errors = new Map<string, number>()
  readonly samples: (SeriesSamples | undefined)[] = []

  constructor(readonly identity: string[]) {}

  countError(message: string): void {
    const known = this.errors.get(message)
    if (known !== undefined) this.errors.set(message, known + 1)
    else if (this.errors.size < MAX_ERROR_MESSAGES) this.errors.set(message, 1)
    else this.errors.set('(other errors)', (this.errors.get('(other errors)') ?? 0) + 1)
  }

  /** Appends `later`, whose rows all come after this group's rows in the file. */
  absorb(later: Group): void {
    this.rows += later.rows
    this.failed += later.failed
    if (this.firstFailedLine === 0) this.firstFailedLine = later.firstFailedLine
    for (const [message, count] of later.errors) {
      for (let i = 0; i < count; i++) this.countError(message)
    }
    later.samples.forEach((samples, index) => {
      if (samples === undefined) return
      const own = this.samples[index]
      if (own === undefined) this.samples[index] = samples
      else own.append(samples)
    })
  }
}

interface IdentityColumn {
  index: number
  name: string
  workload: boolean
  /** Values seen while every value so far was distinct; null once one repeated. */
  seen: Set<string> | null
  /** Declared a per-row label; its value no longer keys the series. */
  label: boolean
  /** A workload column that is a configuration while every value is a number (see `isConfigurationWhenNumeric`). */
  numericConfiguration: boolean
}

/** Collects the series of one artifact file, table by table. */
export class FileAnalyzer {
  private readonly series: SeriesMetric[] = []
  private readonly failures: FailedRunGroup[] = []
  private readonly warnings: DataWarning[] = []
  private readonly notes: string[] = []
  private seriesCount = 0
  private droppedRows = 0
  private readonly droppedSeries = new Set<string>()
  private droppedSeriesOverflow = false
  private firstDroppedLine = 0
  private newestWithOffset: ParsedTime | null = null
  private newestWithoutOffset: ParsedTime | null = null
  private readonly unknownDirection = new Set<string>()
  private tables = 0

  constructor(
    readonly path: string,
    private readonly limits: TableLimits
  ) {}

  warn(code: string, message: string, line?: number): void {
    this.warnings.push(line === undefined ? { path: this.path, code, message } : { path: this.path, line, code, message })
  }

  note(message: string): void {
    this.notes.push(message)
  }

  /** Reads every row of `table` and adds its series. */
  async addTable(table: ParsedTable): Promise<void> {
    this.tables++
    const reader = new TableReader(this, table)
    if (table.eachRow !== undefined) await table.eachRow((cells, line) => reader.addRow(cells, line))
    else for await (const row of table.rows) reader.addRow(row.cells, row.line)
    reader.finish()
  }

  /** Everything found in the file's tables. */
  finish(): FileSeries {
    if (this.droppedRows > 0) {
      const further = this.droppedSeriesOverflow ? `more than ${this.droppedSeries.size}` : `${this.droppedSeries.size}`
      this.warn(
        'max-series',
        `The file has more than ${this.limits.maxSeries} distinct series (the max-series input): ${further} further series (${this.droppedRows} rows) were left out.`,
        this.firstDroppedLine
      )
    }
    if (this.unknownDirection.size > 0) {
      const names = [...this.unknownDirection].map(name => `'${name}'`).join(', ')
      this.warn('unknown-direction', `Whether higher or lower is better is unknown for ${names}: reported as neutral and never gated.`)
    }
    return {
      series: this.series,
      failures: this.failures,
      warnings: this.warnings,
      newestTimestamp: this.newestWithOffset ?? this.newestWithoutOffset,
      tables: this.tables,
      notes: this.notes
    }
  }

  // The methods below are for TableReader.

  /** True when one more series fits in the file's budget. */
  hasRoomFor(liveGroups: number): boolean {
    return this.seriesCount + liveGroups < this.limits.maxSeries
  }

  dropRow(identity: string, line: number): void {
    this.droppedRows++
    if (this.firstDroppedLine === 0) this.firstDroppedLine = line
    if (this.droppedSeries.size < MAX_COUNTED_DROPPED_SERIES) this.droppedSeries.add(identity)
    else if (!this.droppedSeries.has(identity)) this.droppedSeriesOverflow = true
  }

  noteTimestamp(time: ParsedTime): void {
    if (time.hasOffset) {
      if (this.newestWithOffset === null || time.epochMs > this.newestWithOffset.epochMs) this.newestWithOffset = time
    } else if (this.newestWithoutOffset === null || time.epochMs > this.newestWithoutOffset.epochMs) {
      this.newestWithoutOffset = time
    }
  }

  noteUnknownDirection(name: string): void {
    this.unknownDirection.add(name)
  }

  addSeries(metric: SeriesMetric): void {
    this.series.push(metric)
  }

  addFailure(failure: FailedRunGroup): void {
    this.failures.push(failure)
  }

  closeTable(groups: number): void {
    this.seriesCount += groups
  }

  /** Creates the sample storage of a new series and metric. */
  newSamples(): SeriesSamples {
    return new SeriesSamples(this.limits.sampleLimit, this.limits.sampleBudget)
  }

  get maxSeries(): number {
    return this.limits.maxSeries
  }
}

/** Reads the rows of one table into groups. */
class TableReader {
  private readonly classes: ColumnClass[]
  private readonly identity: IdentityColumn[] = []
  private readonly metrics: MetricColumnReader[] = []
  /** Per metric in `metrics`: the columns of the phase a latency times (see `zero-latency.ts`). */
  private readonly phaseColumns: number[][] = []
  private readonly errorColumns: number[] = []
  private readonly statusColumns: number[] = []
  private readonly successColumns: number[] = []
  private readonly timestampColumns: NewestTimestamp[] = []
  /** Groups in order of creation, and the index that finds them by their keyed values. */
  private groups: Group[] = []
  private index = new GroupIndex<Group>([])
  /** True while a workload column is still checked for repeated values (see `trackDistinct`). */
  private tracking = false
  /** Identity values of the current row, reused from row to row. */
  private readonly values: string[] = []
  private rowCount = 0
  private readonly contextLabels: Record<string, string>

  constructor(
    private readonly file: FileAnalyzer,
    private readonly table: ParsedTable
  ) {
    const { columns, units, context } = table
    this.contextLabels = {}
    for (const [key, value] of Object.entries(context)) {
      // `metric` and `unit` describe the values' column, not the series.
      if (key !== 'metric' && key !== 'unit' && value !== '') this.contextLabels[key] = value
    }

    const classes = columns.map((name, index) => {
      const contextUnit = context.metric === name ? (context.unit ?? null) : null
      return classifyColumnCached(name, units[index] ?? contextUnit)
    })
    this.classes = classes.map((columnClass, index) =>
      columnClass.role === 'metric' && columnClass.unitFromSiblings === true ? this.withSiblingUnit(classes, index, columnClass) : columnClass
    )

    const identifying = columns
      .map((name, index) => ({ name, index, role: this.classes[index].role }))
      .filter(column => column.role === 'key' || column.role === 'workload')
    const topLevel = identifying.filter(column => !column.name.includes('.'))
    const useDotted = topLevel.length === 0 && Object.keys(this.contextLabels).length === 0
    for (const column of useDotted ? identifying : topLevel) {
      const workload = column.role === 'workload'
      const numericConfiguration = workload && isConfigurationWhenNumeric(column.name)
      this.identity.push({ index: column.index, name: column.name, workload, seen: workload ? new Set() : null, label: false, numericConfiguration })
    }
    this.index = new GroupIndex<Group>(this.keyedPositions())
    this.tracking = this.identity.some(column => column.seen !== null)

    this.classes.forEach((columnClass, index) => {
      switch (columnClass.role) {
        case 'metric':
          this.metrics.push(new MetricColumnReader(index, columns[index], columnClass))
          this.phaseColumns.push(columnClass.kind === 'latency' ? findPhaseColumns(columns, index) : [])
          break
        case 'interval':
          this.file.note(`${this.describe(columns[index])} contains the bounds of an interval, not samples, so it is not reported as a metric.`)
          break
        case 'error':
          this.errorColumns.push(index)
          break
        case 'status':
          this.statusColumns.push(index)
          break
        case 'success':
          this.successColumns.push(index)
          break
        case 'timestamp':
          if (isRunStampName(columns[index])) this.timestampColumns.push(new NewestTimestamp(index, time => this.file.noteTimestamp(time)))
          break
      }
    })
  }

  addRow(cells: CellValue[], line: number): void {
    this.rowCount++
    for (const column of this.timestampColumns) column.add(cells[column.index] ?? null)

    const values = this.values
    for (let i = 0; i < this.identity.length; i++) values[i] = cellText(cells[this.identity[i].index] ?? null)
    if (this.tracking) {
      this.identity.forEach((column, i) => {
        if (column.numericConfiguration && values[i] !== '' && !/^\d+(\.\d+)?$/.test(values[i])) column.numericConfiguration = false
      })
      if (this.trackDistinct(values)) this.declareLabels()
    }
    const group = this.index.get(values) ?? this.newGroup(values, line)
    if (group === null) return

    group.rows++
    if (group.firstLine === 0) group.firstLine = line
    const failure = this.failureOf(cells)
    if (failure !== null) {
      group.failed++
      if (group.firstFailedLine === 0) group.firstFailedLine = line
      group.countError(failure)
    }

    for (let m = 0; m < this.metrics.length; m++) {
      const reader = this.metrics[m]
      let target: SeriesSamples | null = null
      if (failure === null) {
        target = group.samples[m] ?? null
        if (target === null) {
          target = this.file.newSamples()
          group.samples[m] = target
        }
      }
      const cell = cells[reader.index] ?? null
      const latency = reader.kind === 'latency'
      // Only a latency with phase columns needs the zero test before reading the cell.
      const phases = this.phaseColumns[m]
      if (latency && phases.length > 0 && isZeroCell(cell) && phaseMissing(cells, phases)) {
        if (target !== null) target.notApplicable++
        continue
      }
      const before = latency && target !== null ? target.accumulator.count : 0
      reader.read(cell, line, target)
      if (latency && target !== null && target.accumulator.count > before && target.lastValue === 0) target.noteZero(line)
    }
  }

  /**
   * Gives a bare latency statistic without a time unit (`timing_stats.latency_percentiles.p50`)
   * the unit of its sibling latency columns under the same grandparent (`timing_stats.overall_mean_ms`)
   * when they all agree on one. Otherwise the column keeps no unit and is reported as such.
   */
  private withSiblingUnit(classes: ColumnClass[], index: number, column: MetricColumn): MetricColumn {
    const name = this.table.columns[index]
    const prefix = name.split('.').slice(0, -2).join('.')
    const siblingUnits = new Map<number, { text: string; sibling: string }>()
    classes.forEach((other, j) => {
      if (j === index || other.role !== 'metric' || other.kind !== 'latency' || other.unit?.kind !== 'time' || other.unitText === null) return
      const sibling = this.table.columns[j]
      if (prefix !== '' && !sibling.startsWith(`${prefix}.`)) return
      if (!siblingUnits.has(other.unit.factor)) siblingUnits.set(other.unit.factor, { text: other.unitText, sibling })
    })
    if (siblingUnits.size !== 1) return column

    const [{ text, sibling }] = siblingUnits.values()
    const unit = resolveUnit(text)
    this.file.note(`${this.describe(name)} names no time unit: it takes '${text}' from its sibling column '${sibling}'.`)
    return { ...column, unitText: text, unit, unitFromSiblings: false }
  }

  /**
   * Notes, per workload column, whether its value repeats among rows of the same
   * configuration. Returns true when a column has more distinct values than a file may
   * have series, so it is a per-row label and its set of values need not grow further.
   */
  private trackDistinct(values: string[]): boolean {
    let configuration: string | null = null
    let overLimit = false
    this.identity.forEach((column, i) => {
      if (column.seen === null) return
      configuration ??= this.configurationOf(values)
      const value = `${configuration}\u0000${values[i]}`
      if (column.seen.has(value)) column.seen = null
      else column.seen.add(value)
      if (column.seen !== null && column.seen.size > this.file.maxSeries) overLimit = true
    })
    this.tracking = this.identity.some(column => column.seen !== null)
    return overLimit
  }

  private configurationOf(values: string[]): string {
    let key = ''
    this.identity.forEach((column, i) => {
      if (!column.workload) key += `${values[i]}\u0000`
    })
    return key
  }

  private keyOf(values: readonly string[]): string {
    let key = ''
    this.identity.forEach((column, i) => {
      if (!column.label) key += `${values[i]}\u0000`
    })
    return key
  }

  /** Positions in `identity` of the columns that key a group: all but the per-row labels. */
  private keyedPositions(): number[] {
    const positions: number[] = []
    this.identity.forEach((column, i) => {
      if (!column.label) positions.push(i)
    })
    return positions
  }

  /** Adds a group for values that have none yet. Returns null when the file has no room for another series. */
  private newGroup(values: readonly string[], line: number): Group | null {
    if (!this.file.hasRoomFor(this.groups.length)) {
      // Bounded memory: workload columns still distinct on every row become per-row labels now.
      if (this.declareLabels()) {
        const merged = this.index.get(values)
        if (merged !== undefined) return merged
      }
      if (!this.file.hasRoomFor(this.groups.length)) {
        this.file.dropRow(`${this.table.location}\u0000${this.keyOf(values)}`, line)
        return null
      }
    }
    const group = new Group(values.slice())
    this.groups.push(group)
    this.index.add(values, group)
    return group
  }

  /** Turns workload columns whose values never repeated into labels and merges their groups. */
  private declareLabels(): boolean {
    const distinct = this.identity.filter(column => column.workload && !column.label && column.seen !== null && !column.numericConfiguration)
    if (distinct.length === 0) return false
    for (const column of distinct) {
      column.label = true
      column.seen = null
    }
    this.tracking = this.identity.some(column => column.seen !== null)
    // Each group contains one row here (a label column differs on every row of a configuration),
    // so merging in order of first line keeps the samples in file order.
    const ordered = [...this.groups].sort((a, b) => a.firstLine - b.firstLine)
    this.groups = []
    this.index = new GroupIndex<Group>(this.keyedPositions())
    for (const group of ordered) {
      const target = this.index.get(group.identity)
      if (target !== undefined) {
        target.absorb(group)
        continue
      }
      this.groups.push(group)
      this.index.add(group.identity, group)
    }
    return true
  }

  /** Returns the error of a failed run, or null when the row is a measurement. */
  private failureOf(cells: CellValue[]): string | null {
    let status: string | null = null
    for (const index of this.errorColumns) {
      const message = errorMessage(cells[index] ?? null, this.table.columns[index])
      if (message !== null) return message
    }
    for (const index of this.statusColumns) {
      const cell = cells[index]
      if (typeof cell === 'string' && STATUS_FAILED.has(cell.trim().toLowerCase())) {
        status ??= `${this.table.columns[index]}: ${cell.trim()}`
      }
    }
    for (const index of this.successColumns) {
      const cell = cells[index] ?? null
      const failed = cell === false || (typeof cell === 'string' && FALSE_VALUES.has(cell.trim().toLowerCase())) || cell === 0
      if (failed) status ??= `${this.table.columns[index]} is false`
    }
    return status
  }

  finish(): void {
    for (const column of this.timestampColumns) column.finish()
    if (this.rowCount > 1) this.declareLabels()
    else {
      for (const column of this.identity) column.seen = null
      this.tracking = false
    }

    const keptMetrics = this.metrics.map((reader, m) => this.finishColumn(reader, m))
    const groups = [...this.groups].sort((a, b) => a.firstLine - b.firstLine)
    // A table without rows (a header-only CSV) still has its metrics, with no data.
    if (groups.length === 0) groups.push(new Group(this.identity.map(() => '')))

    // One descriptor per column, shared by the column's series of every group.
    const descriptors = keptMetrics.map((kept, m) => (kept === null ? null : this.descriptorOf(this.metrics[m], kept)))
    for (const group of groups) {
      const labels = this.labelsOf(group)
      const seriesKey = Object.entries(labels)
        .map(([name, value]) => `${name}=${value}`)
        .join(', ')
      keptMetrics.forEach((kept, m) => {
        const metric = descriptors[m]
        if (kept !== null && metric !== null) this.file.addSeries(this.buildSeries(group, labels, seriesKey, this.metrics[m], metric, kept, group.samples[m]))
      })
      if (group.failed > 0) this.file.addFailure(this.failureGroup(group, seriesKey))
    }
    this.file.closeTable(this.groups.length)
  }

  private labelsOf(group: Group): Record<string, string> {
    const entries: [string, string][] = Object.entries(this.contextLabels)
    this.identity.forEach((column, i) => {
      const value = group.identity[i]
      if (!column.label && value !== '') entries.push([column.name, value])
    })
    entries.sort(([a], [b]) => compareText(a, b))
    return Object.fromEntries(entries)
  }

  /**
   * Decides what a metric column's values amount to: null when the column is no
   * metric after all, else the column-wide flags.
   */
  private finishColumn(reader: MetricColumnReader, m: number): ColumnOutcome | null {
    const where = this.describe(reader.name)
    const usable = reader.numbers + reader.nonFinite
    if (!reader.column.recognised) {
      // A column of unknown name is a metric only when every value is a number.
      if (reader.invalid > 0 || reader.dates > 0 || usable === 0) return null
    }
    if (usable === 0 && reader.dates > 0 && reader.invalid === 0) return null
    if (usable === 0 && reader.invalid > 0) {
      // Text in a size, count or ratio column (`(128, 1, 1)`, `15-20%`) is a description.
      // A latency or throughput column without a single number is worth a warning.
      if (reader.kind === 'latency' || reader.kind === 'throughput') {
        this.file.warn('invalid-value', `${where} has no numeric values (line ${reader.firstInvalid?.line}: '${reader.firstInvalid?.text}'): it is not reported as a metric.`, reader.firstInvalid?.line)
      }
      return null
    }
    if (reader.invalid > 0 && reader.firstInvalid !== null) {
      this.file.warn(
        'invalid-value',
        `${where}: ${reader.invalid} value(s) are not numbers in its unit and were left out (first on line ${reader.firstInvalid.line}: '${reader.firstInvalid.text}').`,
        reader.firstInvalid.line
      )
    }

    const outcome: ColumnOutcome = { flags: [], rejected: false, unknownUnit: false }
    const decision = reader.marks.decide(reader.kind === 'count')
    // A column of unknown name whose numbers read two ways is no metric either.
    if ('rejected' in decision && !reader.column.recognised) return null
    if ('rejected' in decision) {
      this.file.warn('invalid-number-format', `${where} ${decision.rejected}: its values were not used.`, decision.line)
      outcome.rejected = true
      outcome.flags.push({ code: 'invalid-values', message: `values rejected: the column ${decision.rejected}` })
    } else if (decision.mark === 'comma') {
      for (const group of this.groups) group.samples[m]?.useDecimalCommas()
    }

    if (reader.kind === 'latency') {
      const unitless = this.groups.reduce((sum, group) => sum + (group.samples[m]?.unitless ?? 0), 0)
      const converted = this.groups.reduce((sum, group) => sum + (group.samples[m]?.accumulator.count ?? 0), 0)
      if (unitless > 0 || (usable === 0 && reader.column.unit === null)) {
        const unitText = reader.column.unitText
        const reason = unitText === null ? 'has no time unit' : `has the unit '${unitText}', which is not a known time unit`
        if (converted === 0) {
          outcome.unknownUnit = true
          outcome.flags.push({ code: 'unknown-unit', message: `the latency ${reason}: values are not converted to ms and have no statistics` })
          if (usable > 0 || unitText !== null) this.file.warn('unknown-unit', `${where} ${reason}: its values are not converted to ms, and the series has no statistics.`)
        } else {
          this.file.warn('unknown-unit', `${where}: ${unitless} value(s) without a time unit were left out.`)
        }
      }
    }

    if (reader.kind === 'other' || reader.kind === 'ratio') this.file.noteUnknownDirection(reader.name)
    return outcome
  }

  private buildSeries(
    group: Group,
    labels: Record<string, string>,
    seriesKey: string,
    reader: MetricColumnReader,
    metric: MetricDescriptor,
    outcome: ColumnOutcome,
    samples: SeriesSamples | undefined
  ): SeriesMetric {
    const flags: SeriesFlag[] = [...outcome.flags]
    const noData = outcome.rejected || outcome.unknownUnit || samples === undefined
    const findColdStart = metric.kind === 'latency' && metric.aggregate === null
    const description = noData ? { stats: null, coldStartIndex: null } : samples.accumulator.describe(findColdStart)
    const stats = description.stats
    const values = noData ? new Float64Array(0) : samples.accumulator.samples()

    if (metric.aggregate !== null) {
      flags.push({
        code: 'pre-aggregated',
        message: `values are ${AGGREGATE_NAMES[metric.aggregate]} computed by the artifact's writer, not raw samples`
      })
    }
    const coldStartIndex = description.coldStartIndex
    if (stats !== null) {
      const low = sharedLowSampleFlag(stats.n)
      if (low !== null) flags.push(low)
      if (coldStartIndex !== null) {
        flags.push({
          code: 'cold-start',
          message: `the first sample (${formatValue(values[coldStartIndex])} ${metric.unit}) is more than ${COLD_START_FACTOR} times the median of the others: likely a cold start`
        })
      }
      const limit = samples?.accumulator.limitFlag() ?? null
      if (limit !== null) flags.push(limit)
    }
    const droppedNonFinite = samples?.droppedNonFinite ?? 0
    if (droppedNonFinite > 0) {
      flags.push({ code: 'non-finite-dropped', message: `${droppedNonFinite} NaN or infinite value(s) left out` })
    }
    flags.push(...zeroFlags(this.table.columns, this.phaseColumns[this.metrics.indexOf(reader)], metric, samples))

    return {
      path: this.file.path,
      location: this.table.location,
      benchmark: this.file.path,
      runStamp: null,
      labels,
      seriesKey,
      metric,
      stats,
      samples: values,
      coldStartIndex,
      droppedNonFinite,
      failedRuns: group.failed,
      flags,
      line: firstLineOf(group, samples)
    }
  }

  private descriptorOf(reader: MetricColumnReader, outcome: ColumnOutcome): MetricDescriptor {
    const aggregate = reader.column.aggregate
    let direction: Direction = 'neutral'
    // A spread (standard deviation) is no speed, so it is reported but never gated.
    if (aggregate !== 'std') {
      if (reader.kind === 'latency') direction = 'lower-is-better'
      else if (reader.kind === 'throughput') direction = 'higher-is-better'
    }
    let unit = reader.displayUnit ?? ''
    if (reader.kind === 'latency' && outcome.unknownUnit) unit = reader.column.unitText ?? ''
    return { name: reader.name, kind: reader.kind, direction, unit, sourceUnit: reader.sourceUnit, aggregate }
  }

  private failureGroup(group: Group, seriesKey: string): FailedRunGroup {
    let topError = ''
    let topErrorCount = 0
    for (const [message, count] of group.errors) {
      if (count > topErrorCount) {
        topError = message
        topErrorCount = count
      }
    }
    return {
      path: this.file.path,
      location: this.table.location,
      seriesKey,
      failed: group.failed,
      total: group.rows,
      topError,
      topErrorCount,
      line: group.firstFailedLine
    }
  }

  private describe(column: string): string {
    return this.table.location === '' ? `Column '${column}'` : `Column '${column}' of '${this.table.location}'`
  }
}

interface ColumnOutcome {
  flags: SeriesFlag[]
  /** The column's number format was rejected: no statistics. */
  rejected: boolean
  /** A latency without a known time unit: no statistics. */
  unknownUnit: boolean
}

/** The low-sample flag of each sample count seen, so that series of equal n share one flag and message. */
const lowSampleFlags = new Map<number, SeriesFlag>()

/** `lowSampleFlag(n)`, built once per n: with many small files, one message per series took tens of MB. */
function sharedLowSampleFlag(n: number): SeriesFlag | null {
  const known = lowSampleFlags.get(n)
  if (known !== undefined) return known
  const flag = lowSampleFlag(n)
  if (flag !== null) lowSampleFlags.set(n, Object.freeze(flag))
  return flag
}

/** Flags latency values of exactly 0: left out as not applicable, or kept but suspicious. */
function zeroFlags(columns: readonly string[], phaseColumns: readonly number[], metric: MetricDescriptor, samples: SeriesSamples | undefined): SeriesFlag[] {
  const flags: SeriesFlag[] = []
  if (samples === undefined) return flags
  if (samples.notApplicable > 0) {
    const phase = columns[phaseColumns[0]]
    flags.push({
      code: 'not-applicable',
      message: `${samples.notApplicable} value(s) of exactly 0 left out as not applicable: their rows have no '${phase}' data, so that phase did not run`
    })
  }
  // A spread of 0 is real (identical values), so only other statistics and raw samples are flagged.
  if (samples.zeroes > 0 && metric.aggregate !== 'std') {
    flags.push({
      code: 'zero-latency',
      message: `${samples.zeroes} latency value(s) of exactly 0 ${metric.unit} (first on line ${samples.firstZeroLine}): a duration of 0 usually means not measured, check the artifact`
    })
  }
  return flags
}

/** Text of an identifying cell; JSON numbers and booleans as JavaScript prints them. */
function cellText(cell: CellValue): string {
  if (cell === null) return ''
  return typeof cell === 'string' ? cell.trim() : String(cell)
}

/** Returns the error text of an error column, or null when it reports no error. */
function errorMessage(cell: CellValue, column: string): string | null {
  // Most rows of a large file have an empty error cell.
  if (cell === null || cell === false || cell === '') return null
  if (cell === true) return `${column} is set`
  if (typeof cell === 'number') return Number.isFinite(cell) && cell > 0 ? `${column} = ${cell}` : null
  const text = cell.trim()
  if (NO_ERROR_VALUES.has(text.toLowerCase())) return null
  if (/^\d+$/.test(text)) return `${column} = ${text}`
  return text
}

/** Line of the first sample, else of the group's first row, else 1 (the header). */
function firstLineOf(group: Group, samples: SeriesSamples | undefined): number {
  if (samples !== undefined && samples.firstLine > 0) return samples.firstLine
  if (group.firstLine > 0) return group.firstLine
  return 1
}

function formatValue(value: number): string {
  return Number(value.toPrecision(6)).toString()
}
