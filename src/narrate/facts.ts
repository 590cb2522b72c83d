/**
 * The facts the model writes about: a compact text of the verdict, comparisons,
 * failed runs, statistics, inventory and data warnings, most important first, with
 * every number formatted as the report shows it. Alongside the text, the fact sheet
 * keeps what the output checks need: the numbers, the names and each compared
 * series' direction.
 */
import { createHash } from 'node:crypto'
import type { Analysis, Direction, MetricDescriptor, MetricKind, SeriesMetric } from '../analyze/types.js'
import type { Comparison, ComparisonState, GateStatistic, SeriesComparison } from '../compare/types.js'
import { formatChange, formatCount, formatPValue, formatValue } from '../format.js'
import { findStatedNumbers, type FactNumber, type NumberClass } from './numbers.js'
import { estimateTokens } from './tokens.js'
import { cleanRepositoryText, quote } from './untrusted.js'
import { MIN_SAMPLES_FOR_STATISTIC } from '../compare/statistics.js'

/** A compared series, reduced to what the direction check needs. */
export interface FactSubject {
  /** Lower-case names a sentence may use for this series: label values, series key. */
  names: string[]
  metricKind: MetricKind
  direction: Direction
  state: ComparisonState
  /** Relative change per compared statistic, as a fraction. */
  changes: { statistic: GateStatistic; change: number | null }[]
}

/** One line of facts; lines with the same `header` are printed under it. */
export interface FactLine {
  header: string | null
  text: string
}

/** A group of fact lines; sections come in order of importance. */
export interface FactSection {
  /** Plural noun for the note when lines are left out, such as `series statistics`. */
  label: string
  title: string
  lines: FactLine[]
  /** Required sections are always sent; without room for them there is no narrative. */
  required: boolean
}

export interface FactSheet {
  sections: FactSection[]
  /** Every number in the facts, as computed and as shown. */
  numbers: FactNumber[]
  /** Names from the facts that contain digits, masked before numbers are read from a sentence. */
  identifiers: string[]
  subjects: FactSubject[]
  /** The complete facts text, before any trimming: what `hash` is computed from. */
  canonicalText: string
  /** SHA-256 (hex) of `canonicalText`. */
  hash: string
}

/** The facts chosen to fit a token budget. */
export interface SelectedFacts {
  text: string
  trimmed: boolean
  /** Counts of left-out lines per section label, such as `{ label: 'series statistics', count: 280 }`. */
  omitted: { label: string; count: number }[]
}

const STATE_LABELS: Record<ComparisonState, string> = {
  regression: 'REGRESSION',
  improvement: 'improvement',
  unchanged: 'unchanged',
  inconclusive: 'inconclusive',
  new: 'new (no baseline series)',
  removed: 'removed (only in the baseline)',
  failed: 'FAILED (runs failed in the head)',
  'no-baseline': 'no baseline',
  'not-comparable': 'not comparable',
  'no-data': 'no data (no valid samples in the head)'
}

const STATISTIC_LABELS: Record<GateStatistic, string> = { median: 'median', mean: 'mean', p90: 'p90', p95: 'p95', p99: 'p99' }

/** Builds the fact sheet of one run from the computed analysis and comparison. */
export function buildFacts(head: Analysis, comparison: Comparison): FactSheet {
  const builder = new FactBuilder()
  const sections = [
    builder.summarySection(head, comparison),
    builder.failingSection(comparison),
    builder.failedRunsSection(head),
    builder.changesSection(comparison),
    builder.noDataSection(head),
    builder.statisticsSection(head),
    builder.noiseSection(comparison),
    builder.warningsSection(head)
  ].filter(section => section.lines.length > 0)
  builder.subjects.push(...comparison.entries.map(subjectOf))

  const canonicalText = renderSections(sections.map(section => ({ section, lines: section.lines })))
  return {
    sections,
    numbers: builder.numbers,
    identifiers: [...builder.identifiers].sort((a, b) => b.length - a.length),
    subjects: builder.subjects,
    canonicalText,
    hash: createHash('sha256').update(canonicalText).digest('hex')
  }
}

/**
 * Chooses the facts that fit `budgetTokens`: the required sections, then lines in
 * order of importance until the first one that does not fit. The text then ends
 * with a line that lists what was left out. Returns null when not even the required
 * sections fit.
 */
export function selectFacts(sheet: FactSheet, budgetTokens: number): SelectedFacts | null {
  const full = sheet.canonicalText
  if (estimateTokens(full) <= budgetTokens) return { text: full, trimmed: false, omitted: [] }

  // Room for the closing line that lists what was left out.
  const reserve = 60
  const chosen: { section: FactSection; lines: FactLine[] }[] = []
  const omitted: { label: string; count: number }[] = []
  let used = 0
  // Once a line does not fit, every later line is left out too, so what is sent is
  // always the most important part.
  let stopped = false
  for (const section of sheet.sections) {
    const lines: FactLine[] = []
    let lastHeader: string | null = null
    for (const line of section.lines) {
      let cost = estimateTokens(line.text) + 1
      if (lines.length === 0) cost += estimateTokens(section.title) + 1
      if (line.header !== null && line.header !== lastHeader) cost += estimateTokens(line.header) + 1
      if (section.required && used + cost > budgetTokens) return null
      if (!section.required && (stopped || used + cost + reserve > budgetTokens)) {
        stopped = true
        continue
      }
      lines.push(line)
      lastHeader = line.header
      used += cost
    }
    if (lines.length > 0) chosen.push({ section, lines })
    if (lines.length < section.lines.length) omitted.push({ label: section.label, count: section.lines.length - lines.length })
  }

  const summary = omitted.map(entry => `${formatCount(entry.count)} ${entry.label}`).join(', ')
  const text = `${renderSections(chosen)}\nleft out to fit the context window: ${summary}. Say that these facts were left out; do not guess them.`
  return { text, trimmed: true, omitted }
}

function renderSections(sections: { section: FactSection; lines: FactLine[] }[]): string {
  const out: string[] = []
  for (const { section, lines } of sections) {
    out.push(section.title)
    let lastHeader: string | null = null
    for (const line of lines) {
      if (line.header !== null && line.header !== lastHeader) out.push(line.header)
      lastHeader = line.header
      out.push(line.text)
    }
  }
  return out.join('\n')
}

class FactBuilder {
  readonly numbers: FactNumber[] = []
  readonly identifiers = new Set<string>()
  readonly subjects: FactSubject[] = []

  summarySection(head: Analysis, comparison: Comparison): FactSection {
    const lines: string[] = []
    const failing = comparison.entries.filter(entry => entry.failsJob).length
    lines.push(
      comparison.failed
        ? `verdict: FAIL, ${this.count(failing)} ${failing === 1 ? 'comparison fails' : 'comparisons fail'} the job`
        : 'verdict: PASS, no comparison fails the job'
    )

    const gate = comparison.settings
    const gated = ['latency', ...gate.gateMetrics.map(name => cleanRepositoryText(name, 60))].join(', ')
    lines.push(
      `gate: statistic ${gate.statistic}, threshold ${this.percent(gate.threshold)}, absolute floor ${this.value(gate.absoluteFloorMs, 'ms')}, ` +
        `alpha ${this.other(gate.alpha)}, fails on ${gate.failOn.join(', ') || 'nothing'}, gated metrics ${gated}`
    )

    const baseline = comparison.baseline
    if (baseline.kind === 'none') lines.push(`baseline: none${baseline.reason === null ? '' : `, ${quote(baseline.reason)}`}`)
    else lines.push(`baseline: ${baseline.kind} ${baseline.ref === null ? '' : this.name(baseline.ref)}`.trim())

    const states = Object.entries(comparison.counts)
      .filter(([, count]) => count > 0)
      .map(([state, count]) => `${state} ${this.count(count)}`)
    lines.push(`comparison states: ${states.length > 0 ? states.join(', ') : 'nothing compared'}`)

    lines.push(this.inventoryLine(head))

    const empty = head.series.filter(series => series.stats === null).length
    lines.push(`series-metric pairs: ${this.count(head.series.length)}, without data ${this.count(empty)}`)

    if (head.failures.length > 0) {
      const failed = head.failures.reduce((sum, group) => sum + group.failed, 0)
      const total = head.failures.reduce((sum, group) => sum + group.total, 0)
      lines.push(`failed runs: ${this.count(failed)} of ${this.count(total)} rows, in ${this.count(head.failures.length)} tables`)
    }
    if (head.warnings.length + head.inventory.skipped.length > 0) {
      lines.push(`data warnings: ${this.count(head.warnings.length)}, skipped files ${this.count(head.inventory.skipped.length)}`)
    }
    return { label: 'summary lines', title: '# summary', lines: lines.map(text => ({ header: null, text })), required: true }
  }

  failingSection(comparison: Comparison): FactSection {
    const entries = comparison.entries.filter(entry => isFailing(entry)).sort(byLargestChange)
    return {
      label: 'failing comparisons',
      title: '# comparisons that fail the job or regressed, largest change first',
      lines: entries.map(entry => ({ header: null, text: this.comparisonLine(entry) })),
      required: false
    }
  }

  failedRunsSection(head: Analysis): FactSection {
    const groups = [...head.failures].sort((a, b) => b.failed - a.failed)
    return {
      label: 'failed-run groups',
      title: '# failed runs (rows with an error), most first',
      lines: groups.map(group => {
        const series = group.seriesKey === '' ? '' : ` ${this.name(group.seriesKey)}`
        const share = group.total > 0 ? ` (${this.percent(group.failed / group.total)})` : ''
        const error = group.topError === '' ? '' : `; most common error ${this.name(group.topError)} (${this.count(group.topErrorCount)})`
        return {
          header: null,
          text: `- ${this.name(group.path)}${series}: ${this.count(group.failed)} of ${this.count(group.total)} runs failed${share}${error}`
        }
      }),
      required: false
    }
  }

  changesSection(comparison: Comparison): FactSection {
    const entries = comparison.entries.filter(entry => !isFailing(entry)).sort(byLargestChange)
    return {
      label: 'other comparisons',
      title: '# other comparisons with the baseline, largest change first',
      lines: entries.map(entry => ({ header: null, text: this.comparisonLine(entry) })),
      required: false
    }
  }

  noDataSection(head: Analysis): FactSection {
    return {
      label: 'series without data',
      title: '# series without data: no values exist for these; state none',
      lines: head.series
        .filter(series => series.stats === null)
        .map(series => ({ header: null, text: `- ${this.seriesName(series)}: no data` })),
      required: false
    }
  }

  /**
   * Writes a percentile, or n/a below its sample minimum: from fewer samples it is
   * close to the maximum, so the report hides it and the model must not quote it.
   */
  private percentile(name: 'p90' | 'p95' | 'p99', value: number, n: number, unit: string): string {
    const minimum = MIN_SAMPLES_FOR_STATISTIC[name]
    return n < minimum ? `${name} n/a (needs ${minimum} samples)` : `${name} ${this.value(value, unit)}`
  }

  statisticsSection(head: Analysis): FactSection {
    const lines: FactLine[] = []
    for (const series of head.series) {
      const stats = series.stats
      if (stats === null) continue
      const unit = series.metric.unit
      const parts = [
        `n ${this.count(stats.n)}`,
        `mean ${this.value(stats.mean, unit)}`,
        `stddev ${stats.stddev === null ? 'n/a' : this.value(stats.stddev, unit)}`,
        `min ${this.value(stats.min, unit)}`,
        `p50 ${this.value(stats.p50, unit)}`,
        this.percentile('p90', stats.p90, stats.n, unit),
        this.percentile('p95', stats.p95, stats.n, unit),
        this.percentile('p99', stats.p99, stats.n, unit),
        `max ${this.value(stats.max, unit)}`
      ]
      if (series.failedRuns > 0) parts.push(`failed runs left out ${this.count(series.failedRuns)}`)
      for (const flag of series.flags) {
        this.registerNumbersIn(flag.message)
        parts.push(`flag ${quote(flag.message, 200)}`)
      }
      for (const value of Object.values(series.labels)) this.registerLabel(value)

      const key = series.seriesKey === '' ? '(whole table)' : this.name(series.seriesKey)
      lines.push({
        header: `file ${this.name(series.path)}${series.location === '' ? '' : ` at ${this.name(series.location)}`}:`,
        text: `- ${key} ${this.metricName(series.metric)}: ${parts.join(', ')}`
      })
    }
    return { label: 'series statistics', title: '# statistics of the head series', lines, required: false }
  }

  noiseSection(comparison: Comparison): FactSection {
    return {
      label: 'noise estimates',
      title: '# run-to-run variation of the gate statistic across base runs',
      lines: comparison.noise.map(noise => ({
        header: null,
        text:
          `- ${this.name(noise.benchmark)}${noise.seriesKey === '' ? '' : ` ${this.name(noise.seriesKey)}`} ${this.name(noise.metric)}: ` +
          `${this.count(noise.runs)} runs, variation ${this.percent(noise.variation)}${noise.thresholdTooTight ? ', threshold is tighter than twice the variation' : ''}`
      })),
      required: false
    }
  }

  warningsSection(head: Analysis): FactSection {
    const lines: FactLine[] = []
    for (const skipped of head.inventory.skipped) {
      lines.push({ header: null, text: `- skipped ${this.name(skipped.path)}${this.lineOf(skipped.line)}: ${quote(skipped.reason)}` })
    }
    for (const warning of head.warnings) {
      lines.push({ header: null, text: `- warning in ${this.name(warning.path)}${this.lineOf(warning.line)}: ${quote(warning.message)}` })
    }
    return { label: 'data warnings and skipped files', title: '# data warnings and skipped files', lines, required: false }
  }

  private inventoryLine(head: Analysis): string {
    const inventory = head.inventory
    const types = Object.entries(inventory.byType)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([type, group]) => `${cleanRepositoryText(type, 20)} ${this.count(group.files)}`)
    const folders = Object.entries(inventory.byFolder)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([folder, group]) => `${this.name(folder)} ${this.count(group.files)}`)
    return (
      `files: ${this.count(inventory.totalFiles)} (${types.join(', ') || 'none'}), folders ${folders.join(', ') || 'none'}, ` +
      `parsed ${this.count(inventory.parsedFiles)}, skipped ${this.count(inventory.skipped.length)}, ` +
      `Markdown read as prose only ${this.count(inventory.proseFiles)}`
    )
  }

  private comparisonLine(entry: SeriesComparison): string {
    const unit = entry.metric.unit
    const name = `${this.name(entry.benchmark)}${entry.seriesKey === '' ? '' : ` ${this.name(entry.seriesKey)}`}`
    const flags = [STATE_LABELS[entry.state], entry.gated ? 'gated' : 'not gated']
    if (entry.failsJob) flags.push('fails the job')
    const parts = [`- ${name} ${this.metricName(entry.metric)}: ${flags.join(', ')}`]
    for (const change of entry.changes) {
      const diff = change.head - change.base
      let sign = ''
      if (diff > 0) sign = '+'
      if (diff < 0) sign = '-'
      const statistic = STATISTIC_LABELS[change.statistic]
      let test = 'no test'
      if (change.pValue !== null) {
        test = `p-value ${this.pValue(change.pValue)}`
      } else if (change.noTestReason !== null) {
        this.registerNumbersIn(change.noTestReason)
        test = `no test, ${cleanRepositoryText(change.noTestReason, 80)}`
      }
      parts.push(
        `${statistic} ${this.value(change.base, unit)} -> ${this.value(change.head, unit)} ` +
          `(${this.change(change.change)}, ${sign}${this.value(Math.abs(diff), unit)}; threshold ${this.percent(change.threshold)}; ${test})`
      )
    }
    parts.push(`n ${this.count(entry.baseN)} -> ${this.count(entry.headN)}`)
    for (const note of entry.notes) this.registerNumbersIn(note)
    if (entry.notes.length > 0) parts.push(`notes: ${entry.notes.map(note => quote(note, 200)).join('; ')}`)
    return parts.join('; ')
  }

  private seriesName(series: SeriesMetric): string {
    const key = series.seriesKey === '' ? '' : ` ${this.name(series.seriesKey)}`
    for (const value of Object.values(series.labels)) this.registerLabel(value)
    return `${this.name(series.path)}${key} ${this.metricName(series.metric)}`
  }

  private metricName(metric: MetricDescriptor): string {
    const unit = metric.unit === '' ? '' : `${metric.unit}, `
    const direction = metric.direction === 'neutral' ? 'not gated direction' : metric.direction.replace(/-/g, ' ')
    return `${this.name(metric.name)} (${unit}${direction})`
  }

  /** Quotes a repository name and records it as an identifier. */
  private name(text: string): string {
    const cleaned = cleanRepositoryText(text)
    this.addIdentifier(cleaned)
    const base = cleaned.slice(cleaned.lastIndexOf('/') + 1)
    this.addIdentifier(base)
    this.addIdentifier(base.replace(/\.[A-Za-z0-9]+$/, ''))
    for (const value of Object.values(labelsOf(text))) this.registerLabel(value)
    return JSON.stringify(cleaned)
  }

  private registerLabel(value: string): void {
    const cleaned = cleanRepositoryText(value)
    if (/^[+-]?\d+(\.\d+)?$/.test(cleaned)) this.numbers.push({ value: Number(cleaned), kind: 'other' })
    else this.addIdentifier(cleaned)
  }

  private addIdentifier(text: string): void {
    if (/\d/.test(text) && /\p{L}/u.test(text)) this.identifiers.add(text)
  }

  private value(value: number, unit: string): string {
    const shown = formatValue(value)
    const kind = classOfUnit(unit)
    const scale = unit === 's' ? 1000 : 1
    this.numbers.push({ value: value * scale, kind }, { value: Number(shown) * scale, kind })
    return unit === '' ? shown : `${shown} ${unit}`
  }

  private percent(fraction: number): string {
    const shown = formatChange(fraction).replace(/^\+/, '')
    this.numbers.push({ value: fraction * 100, kind: 'percent' }, { value: Number(shown.replace(' %', '')), kind: 'percent' })
    return shown
  }

  private change(change: number | null): string {
    const shown = formatChange(change)
    if (change !== null && Number.isFinite(change)) {
      this.numbers.push({ value: change * 100, kind: 'percent' }, { value: Number(shown.replace(/[+ %]/g, '')), kind: 'percent' })
    }
    return shown
  }

  private count(count: number): string {
    this.numbers.push({ value: count, kind: 'count' })
    return formatCount(count)
  }

  private other(value: number): string {
    this.numbers.push({ value, kind: 'other' })
    return String(value)
  }

  private pValue(value: number): string {
    const shown = formatPValue(value)
    this.numbers.push({ value, kind: 'other' })
    const parsed = Number(shown.replace('<', '').trim())
    if (Number.isFinite(parsed)) this.numbers.push({ value: parsed, kind: 'other' })
    return shown
  }

  private lineOf(line: number | undefined): string {
    return line === undefined ? '' : ` line ${this.count(line)}`
  }

  /** Accepts the numbers of computed text (compare notes, flag messages) as facts. */
  private registerNumbersIn(text: string): void {
    for (const stated of findStatedNumbers(text)) this.numbers.push({ value: stated.value, kind: stated.kind ?? 'other' })
  }
}

/** Number class of a metric's display unit. */
export function classOfUnit(unit: string): NumberClass {
  if (unit === 'ms' || unit === 's') return 'time'
  if (unit === '%') return 'percent'
  if (unit.endsWith('/s')) return 'rate'
  if (unit === '') return 'count'
  return 'other'
}

function isFailing(entry: SeriesComparison): boolean {
  return entry.failsJob || entry.state === 'regression' || entry.state === 'failed'
}

function byLargestChange(a: SeriesComparison, b: SeriesComparison): number {
  return largestChange(b) - largestChange(a)
}

function largestChange(entry: SeriesComparison): number {
  const change = entry.changes[0]?.change
  return change === null || change === undefined || !Number.isFinite(change) ? -1 : Math.abs(change)
}

/** Reads `name=value, name=value` series keys back into labels. */
function labelsOf(seriesKey: string): Record<string, string> {
  const labels: Record<string, string> = {}
  for (const part of seriesKey.split(', ')) {
    const equals = part.indexOf('=')
    if (equals > 0) labels[part.slice(0, equals)] = part.slice(equals + 1)
  }
  return labels
}

function subjectOf(entry: SeriesComparison): FactSubject {
  const names = new Set<string>()
  const labels = labelsOf(entry.seriesKey)
  for (const value of Object.values(labels)) {
    const cleaned = cleanRepositoryText(value).toLowerCase()
    if (cleaned.length >= 2 && /\p{L}/u.test(cleaned)) names.add(cleaned)
  }
  if (Object.keys(labels).length === 0 && entry.seriesKey !== '') names.add(cleanRepositoryText(entry.seriesKey).toLowerCase())
  names.add(cleanRepositoryText(entry.metric.name).toLowerCase())
  return {
    names: [...names],
    metricKind: entry.metric.kind,
    direction: entry.direction,
    state: entry.state,
    changes: entry.changes.map(change => ({ statistic: change.statistic, change: change.change }))
  }
}
