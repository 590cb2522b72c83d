/**
 * Run-to-run noise of the base branch: where a benchmark writes each run to its own
 * file, the spread of the gate statistic across those runs shows how large a change
 * plain noise produces.
 */
import type { SeriesMetric } from '../analyze/types.js'
import { resolveGate, type DecisionContext } from './gate.js'
import { groupRuns, newestRun } from './matching.js'
import { coefficientOfVariation, computeStatistic, MIN_SAMPLES_FOR_STATISTIC } from './statistics.js'
import type { NoiseEstimate } from './types.js'
import { samplesForGate } from './values.js'

/** Minimum number of base runs with data for a noise estimate, because two runs give no usable spread. */
export const MIN_RUNS_FOR_NOISE = 3

/**
 * Estimates the coefficient of variation of the gate statistic across the base runs
 * of each series, and flags a threshold smaller than twice it, because such a
 * threshold fails on noise alone.
 */
export function estimateNoise(base: readonly SeriesMetric[], context: DecisionContext): NoiseEstimate[] {
  const estimates: NoiseEstimate[] = []
  for (const runs of groupRuns(base).values()) {
    const withData = runs.filter(run => run.stats !== null)
    if (withData.length < MIN_RUNS_FOR_NOISE) continue

    const reference = newestRun(withData)
    const gate = resolveGate(reference, [reference.path], context)
    if (gate.ignored || gate.direction === 'neutral') continue

    // A statistic from fewer samples than its minimum is never shown, and neither is its spread.
    const samples = withData.map(run => samplesForGate(run, context.settings.keepColdStarts))
    const minimum = MIN_SAMPLES_FOR_STATISTIC[gate.statistic]
    if (reference.metric.aggregate === null && samples.some(item => item.length < minimum)) continue
    const values = samples.map(item => computeStatistic(item, gate.statistic))
    const variation = coefficientOfVariation(values)
    if (variation === null) continue
    estimates.push({
      benchmark: reference.benchmark,
      location: reference.location,
      seriesKey: reference.seriesKey,
      metric: reference.metric.name,
      runs: withData.length,
      variation,
      thresholdTooTight: gate.threshold < 2 * variation
    })
  }
  return estimates
}
