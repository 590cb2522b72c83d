/**
 * Compare stage: finds the baseline, matches series, and decides the gate verdict.
 */
import type { Analysis } from '../analyze/types.js'
import type { GateSettings } from '../settings/index.js'
import type { Logger } from '../logger.js'
import { compareSeries } from './decision.js'
import { formatPercent, type DecisionContext } from './gate.js'
import { matchSeries } from './matching.js'
import { estimateNoise } from './noise.js'
import { buildFailureMessage, countFailedSeries, countStates } from './summary.js'
import { loadThresholdRules } from './thresholds.js'
import type { BaselineSource, Comparison, NoiseEstimate, SeriesComparison } from './types.js'

export type * from './types.js'
export { loadBaseline, createPathFilter, type BaselineContext, type BaselineTree } from './baseline.js'
export { mannWhitneyU, type MannWhitneyResult } from './mannwhitney.js'
export { countFailedSeries } from './summary.js'
export { ThresholdsError, loadThresholdRules, parseThresholdRules, type ThresholdRule } from './thresholds.js'

/**
 * Compares head with base (null when there is no baseline) and decides the verdict.
 * A baseline folder without artifact files counts as no baseline; `patterns` (the
 * artifact patterns) only name what was looked for in that reason.
 * Throws `ThresholdsError` when the `thresholds` input cannot be read or has an invalid rule.
 */
export async function compareAnalyses(
  head: Analysis,
  base: Analysis | null,
  source: BaselineSource,
  settings: Readonly<GateSettings>,
  workspace: string,
  log: Logger,
  patterns: readonly string[] = []
): Promise<Comparison> {
  const rules = await loadThresholdRules(settings.thresholds, workspace)
  if (rules.length > 0) log.info(`Compare: ${rules.length} threshold ${rules.length === 1 ? 'rule' : 'rules'} loaded.`)

  const baseline = usableBaseline(base, source, patterns)
  const hasBaseline = baseline.kind !== 'none'
  const context: DecisionContext = { settings, rules, hasBaseline, headFailures: head.failures }

  const baseSeries = hasBaseline && base !== null ? base.series : []
  const entries = matchSeries(head.series, baseSeries).map(match => compareSeries(match, context))
  const noise = estimateNoise(baseSeries, context)
  addNoiseNotes(entries, noise, log)

  const counts = countStates(entries)
  const failureMessage = buildFailureMessage(entries)
  logSummary(entries, counts, baseline, failureMessage, log)

  return {
    baseline,
    entries,
    counts,
    noise,
    failed: failureMessage !== null,
    failureMessage,
    settings: {
      statistic: settings.statistic,
      threshold: settings.maxRegression,
      absoluteFloorMs: settings.minAbsoluteChangeMs,
      alpha: settings.alpha,
      failOn: [...settings.failOn],
      gateMetrics: [...settings.gateMetrics],
      keepColdStarts: settings.keepColdStarts
    }
  }
}

/** Returns the baseline source, or a `none` source with the reason when the base tree is missing or has no artifact files. */
function usableBaseline(base: Analysis | null, source: BaselineSource, patterns: readonly string[]): BaselineSource {
  if (source.kind === 'none') return source
  if (base === null) return { kind: 'none', ref: source.ref, reason: 'the baseline tree was not analysed' }
  if (base.inventory.totalFiles > 0) return source

  const matching = patterns.length === 0 ? 'the artifact patterns' : patterns.join(', ')
  const where = source.kind === 'git' ? `the base commit ${(source.commit ?? source.ref ?? '').slice(0, 7)}` : `the baseline folder ${source.ref ?? ''}`
  return { kind: 'none', ref: source.ref, reason: `${where} has no files matching ${matching}` }
}

/** Notes, on each entry whose base runs are noisy, that its threshold is tighter than twice the run-to-run variation. */
function addNoiseNotes(entries: SeriesComparison[], noise: NoiseEstimate[], log: Logger): void {
  for (const estimate of noise) {
    if (!estimate.thresholdTooTight) continue
    const entry = entries.find(
      item => item.benchmark === estimate.benchmark && (item.location ?? '') === (estimate.location ?? '') && item.seriesKey === estimate.seriesKey && item.metric.name === estimate.metric
    )
    const threshold = entry?.changes[0]?.threshold
    const statistic = entry?.changes[0]?.statistic ?? 'gate statistic'
    const note = `the ${statistic} varies by ${(estimate.variation * 100).toFixed(1)} % (coefficient of variation) across ${estimate.runs} base runs, so a threshold below twice that${threshold === undefined ? '' : `, such as ${formatPercent(threshold)},`} can fail on noise alone`
    entry?.notes.push(note)
    log.info(`Compare: ${estimate.benchmark} ${estimate.seriesKey} ${estimate.metric}: ${note}.`)
  }
}

function logSummary(entries: SeriesComparison[], counts: Comparison['counts'], baseline: BaselineSource, failureMessage: string | null, log: Logger): void {
  if (baseline.kind === 'none') log.info(`Compare: no baseline (${baseline.reason ?? 'no reason given'}); the newest run of every series is listed as new and nothing fails the job.`)
  // A failed run fails every metric of its series, so failed entries are also counted per series.
  const failedSeries = countFailedSeries(entries)
  const parts = Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([state, count]) => (state === 'failed' ? `${count} failed (${failedSeries} series)` : `${count} ${state}`))
  log.info(`Compare: ${entries.length} series and metrics${parts.length > 0 ? `: ${parts.join(', ')}` : ''}.`)
  if (failureMessage !== null) log.info(`Compare: the job fails: ${failureMessage}`)
}
