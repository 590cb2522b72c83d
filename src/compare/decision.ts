/**
 * Decides the state of one matched series: which runs are compared, whether the
 * pull request changed them, and whether the entry fails the job.
 */
import type { FailedRunGroup, MetricDescriptor, SeriesMetric } from '../analyze/types.js'
import { formatCount } from '../format.js'
import type { DecisionContext, SeriesGate } from './gate.js'
import { resolveGate } from './gate.js'
import { newestRun, type MatchedSeries, type SeriesRuns } from './matching.js'
import type { ComparisonState, SeriesComparison } from './types.js'
import { addFailedRowsNote, compareValues } from './values.js'

/** States judged from the values; they fail the job only for gated metrics. */
const VALUE_STATES: ReadonlySet<ComparisonState> = new Set(['regression', 'improvement', 'unchanged', 'inconclusive'])

/** The base run compared with the head, and why an older one was taken. */
interface BaseSelection {
  run: SeriesMetric
  /** False when no base run has valid samples. */
  hasData: boolean
  note: string | null
}

/** Takes the newest base run with data; when the newest has none, falls back to the newest that has. */
function selectBaseRun(runs: SeriesRuns): BaseSelection {
  const newest = newestRun(runs)
  if (newest.stats !== null) return { run: newest, hasData: true, note: null }
  for (let i = runs.length - 2; i >= 0; i--) {
    if (runs[i].stats === null) continue
    const cause = newest.failedRuns > 0 ? 'every row failed' : 'it has no valid samples'
    const note = `the newest base run, ${describeRun(newest)}, has no data because ${cause}; compared with the base run ${describeRun(runs[i])}`
    return { run: runs[i], hasData: true, note }
  }
  return { run: newest, hasData: false, note: null }
}

function describeRun(series: SeriesMetric): string {
  return series.runStamp === null ? series.path : `${series.runStamp} (${series.path})`
}

/** Compares one matched series and decides whether it fails the job. */
export function compareSeries(match: MatchedSeries, context: DecisionContext): SeriesComparison {
  const head = match.head === null ? null : newestRun(match.head)
  const base = match.base === null ? null : selectBaseRun(match.base)
  const reference = head ?? (base as BaseSelection).run
  const gate = resolveGate(reference, [head?.path, base?.run.path].filter((item): item is string => item !== undefined), context)

  const entry: SeriesComparison = {
    benchmark: reference.benchmark,
    location: reference.location,
    seriesKey: reference.seriesKey,
    metric: reference.metric,
    direction: gate.direction,
    state: 'unchanged',
    headPath: head?.path ?? null,
    basePath: base?.run.path ?? null,
    headRun: head?.runStamp ?? null,
    baseRun: base?.run.runStamp ?? null,
    headN: head?.stats?.n ?? 0,
    baseN: base?.run.stats?.n ?? 0,
    changes: [],
    gated: gate.gated,
    failsJob: false,
    notes: [...gate.notes],
    line: head?.line ?? 0
  }
  if (match.renamedMetric && head !== null && base !== null) {
    entry.notes.push(`metric renamed from ${base.run.metric.name} to ${head.metric.name}; matched by the name without its unit`)
  }

  const outcome = decideState(entry, head, base, match, gate, context)
  // A run without any valid sample says so in its no-data note instead.
  if (head !== null && head.stats !== null && head.droppedNonFinite > 0) {
    entry.notes.push(`${nonFiniteText(head.droppedNonFinite, 'head sample')} dropped`)
  }
  entry.failsJob = decideFailsJob(entry, gate, context, outcome)
  return entry
}

/** Writes `4 non-finite head samples`, `1 non-finite value` and so on. */
function nonFiniteText(count: number, noun: string): string {
  return `${formatCount(count)} non-finite ${noun}${count === 1 ? '' : 's'}`
}

/** Facts beyond the state that decide whether the entry fails the job. */
interface StateOutcome {
  /** The newest base run failed too, so the pull request did not break the benchmark. */
  alreadyFailing: boolean
  /** The compared head run is identical to a base run, so the pull request did not change it. */
  unchangedByPullRequest: boolean
}

function decideState(
  entry: SeriesComparison,
  head: SeriesMetric | null,
  base: BaseSelection | null,
  match: MatchedSeries,
  gate: SeriesGate,
  context: DecisionContext
): StateOutcome {
  const outcome: StateOutcome = { alreadyFailing: false, unchangedByPullRequest: false }
  if (head === null) {
    entry.state = 'removed'
    return outcome
  }
  outcome.unchangedByPullRequest = match.base !== null && match.base.some(run => sameRun(run, head))

  if (head.stats === null && head.failedRuns > 0) {
    entry.state = 'failed'
    entry.notes.push(describeHeadFailure(head, context.headFailures))
    const newestBase = match.base === null ? null : newestRun(match.base)
    outcome.alreadyFailing = newestBase !== null && newestBase.stats === null && newestBase.failedRuns > 0
    return outcome
  }
  if (!context.hasBaseline || base === null) {
    entry.state = 'new'
    addFailedRowsNote(entry, head, 'head')
    return outcome
  }
  if (base.note !== null) entry.notes.push(base.note)
  if (head.stats === null) {
    entry.state = 'no-data'
    const note = base.hasData ? 'the head run has no valid samples' : 'neither the head run nor any base run has valid samples'
    const dropped = head.droppedNonFinite > 0 ? `: ${nonFiniteText(head.droppedNonFinite, 'value')} dropped` : ''
    entry.notes.push(`${note}${dropped}`)
    return outcome
  }
  if (!base.hasData) {
    entry.state = 'no-baseline'
    const cause = base.run.failedRuns > 0 ? 'every row of every base run failed' : 'no base run has valid samples'
    entry.notes.push(`nothing to compare with: ${cause}`)
    return outcome
  }

  const changes = definitionChanges(head.metric, base.run.metric, gate.directionFromRule)
  if (changes.length > 0) {
    entry.state = 'not-comparable'
    entry.notes.push(`metric definition changed: ${changes.join('; ')}`)
    return outcome
  }
  compareValues(entry, head, base.run, gate, context.settings)
  return outcome
}

/** True when two series are the same run with the same content. */
function sameRun(a: SeriesMetric, b: SeriesMetric): boolean {
  if (a.path !== b.path || a.location !== b.location || a.failedRuns !== b.failedRuns) return false
  if (a.samples.length !== b.samples.length) return false
  for (let i = 0; i < a.samples.length; i++) if (a.samples[i] !== b.samples[i]) return false
  return true
}

function describeHeadFailure(head: SeriesMetric, failures: readonly FailedRunGroup[]): string {
  const group = failures.find(item => item.path === head.path && item.location === head.location && item.seriesKey === head.seriesKey)
  if (group === undefined) return `every row of the head run failed (${head.failedRuns} rows)`
  return `every row of the head run failed (${group.failed} of ${group.total}); most common error (${group.topErrorCount} rows): ${firstLine(group.topError)}`
}

/** Maximum length of an error message quoted in a note; longer messages are cut. */
const MAX_ERROR_LENGTH = 160

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0].trim()
  return line.length > MAX_ERROR_LENGTH ? `${line.slice(0, MAX_ERROR_LENGTH - 1)}…` : line
}


/** Differences that make two metric definitions incomparable; a pure unit conversion is not one. */
function definitionChanges(head: MetricDescriptor, base: MetricDescriptor, directionOverridden: boolean): string[] {
  const changes: string[] = []
  if (head.kind !== base.kind) changes.push(`kind ${base.kind} → ${head.kind}`)
  if (!directionOverridden && head.direction !== base.direction) changes.push(`direction ${base.direction} → ${head.direction}`)
  if (head.aggregate !== base.aggregate) changes.push(`aggregate ${base.aggregate ?? 'raw samples'} → ${head.aggregate ?? 'raw samples'}`)
  if (head.unit !== base.unit) changes.push(`unit ${base.unit || 'none'} → ${head.unit || 'none'}`)
  return changes
}

function decideFailsJob(entry: SeriesComparison, gate: SeriesGate, context: DecisionContext, outcome: StateOutcome): boolean {
  const { state } = entry
  if (!context.hasBaseline && state === 'failed' && context.settings.failOn.includes(state)) {
    entry.notes.push('there is no baseline, so the job does not fail on it')
  }
  if (!context.hasBaseline || gate.ignored) return false
  if (!context.settings.failOn.includes(state)) return false

  if (VALUE_STATES.has(state) && !gate.gated) {
    if (state === 'regression') {
      const reason = gate.direction === 'neutral' ? 'its direction is neutral' : `only latency metrics and those named in gate-metrics fail the job`
      entry.notes.push(`not gated: ${reason}`)
    }
    return false
  }
  if (state === 'failed' && outcome.alreadyFailing) {
    entry.notes.push('the newest base run failed too, so the pull request did not break it: reported, not gated')
    return false
  }
  if (outcome.unchangedByPullRequest) {
    entry.notes.push('the compared head run is also on the base branch unchanged, so the pull request did not change it: reported, not gated')
    return false
  }
  return true
}

