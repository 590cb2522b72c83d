/**
 * Pairs head series with base series. A series is identified by its benchmark id
 * (file path with run stamps as `{run}`), location in the file, series key and
 * metric name. The files of one benchmark are its runs, ordered by run stamp.
 */
import type { SeriesMetric } from '../analyze/types.js'

/** The runs of one series and metric in one tree, oldest first. */
export type SeriesRuns = SeriesMetric[]

/** One series as found in head and base; a side is null when the series is absent there. */
export interface MatchedSeries {
  head: SeriesRuns | null
  base: SeriesRuns | null
  /** True when the metric name differs between the sides only in its unit, such as `ttft_ms` and `ttft_s`. */
  renamedMetric: boolean
}

/** Identity of a series and metric across trees and runs. */
export function seriesIdentity(series: SeriesMetric): string {
  return identityWithMetric(series, series.metric.name)
}

function identityWithMetric(series: SeriesMetric, metricName: string): string {
  return JSON.stringify([series.benchmark, series.location, series.seriesKey, metricName])
}

/**
 * Groups series by identity, each group ordered oldest run first. Runs are ordered
 * by `runStamp`, which is ISO 8601 UTC, so text order is time order. A missing stamp
 * counts as oldest, and ties are ordered by path, so file times never matter.
 */
export function groupRuns(series: readonly SeriesMetric[]): Map<string, SeriesRuns> {
  const groups = new Map<string, SeriesRuns>()
  for (const item of series) {
    const key = seriesIdentity(item)
    const group = groups.get(key)
    if (group === undefined) groups.set(key, [item])
    else group.push(item)
  }
  for (const group of groups.values()) group.sort(compareRuns)
  return groups
}

function compareRuns(a: SeriesMetric, b: SeriesMetric): number {
  const stampA = a.runStamp ?? ''
  const stampB = b.runStamp ?? ''
  if (stampA !== stampB) return stampA < stampB ? -1 : 1
  if (a.path === b.path) return 0
  return a.path < b.path ? -1 : 1
}

/** Returns the newest run. */
export function newestRun(runs: SeriesRuns): SeriesMetric {
  return runs[runs.length - 1]
}

/**
 * Pairs the groups of both trees: first by identity, then, among the groups left
 * over, by metric name without its unit suffix when the kinds agree and the pair is
 * unambiguous. Head order comes first, then series found only in the base.
 */
export function matchSeries(head: readonly SeriesMetric[], base: readonly SeriesMetric[]): MatchedSeries[] {
  const headGroups = groupRuns(head)
  const baseGroups = groupRuns(base)
  const matched: MatchedSeries[] = []
  const unmatchedHead: SeriesRuns[] = []

  for (const [key, headRuns] of headGroups) {
    const baseRuns = baseGroups.get(key)
    if (baseRuns === undefined) {
      unmatchedHead.push(headRuns)
      continue
    }
    baseGroups.delete(key)
    matched.push({ head: headRuns, base: baseRuns, renamedMetric: false })
  }

  const renamed = pairByMetricStem(unmatchedHead, [...baseGroups.values()])
  for (const headRuns of unmatchedHead) {
    const baseRuns = renamed.get(headRuns) ?? null
    if (baseRuns !== null) baseGroups.delete(seriesIdentity(baseRuns[0]))
    matched.push({ head: headRuns, base: baseRuns, renamedMetric: baseRuns !== null })
  }
  for (const baseRuns of baseGroups.values()) matched.push({ head: null, base: baseRuns, renamedMetric: false })
  return matched
}

/** Pairs leftover groups whose metric names differ only in a time unit; pairs with more than one candidate stay unpaired. */
function pairByMetricStem(head: SeriesRuns[], base: SeriesRuns[]): Map<SeriesRuns, SeriesRuns> {
  const byStem = (groups: SeriesRuns[]): Map<string, SeriesRuns[]> => {
    const map = new Map<string, SeriesRuns[]>()
    for (const group of groups) {
      const first = group[0]
      const stem = metricStem(first.metric.name)
      if (stem === null) continue
      const key = JSON.stringify([identityWithMetric(first, stem), first.metric.kind])
      const sameStem = map.get(key)
      if (sameStem === undefined) map.set(key, [group])
      else sameStem.push(group)
    }
    return map
  }

  const pairs = new Map<SeriesRuns, SeriesRuns>()
  if (head.length === 0 || base.length === 0) return pairs
  const baseByStem = byStem(base)
  if (baseByStem.size === 0) return pairs
  for (const [key, headCandidates] of byStem(head)) {
    const baseCandidates = baseByStem.get(key)
    if (headCandidates.length === 1 && baseCandidates?.length === 1) pairs.set(headCandidates[0], baseCandidates[0])
  }
  return pairs
}

const TIME_UNIT = '(?:ns|us|µs|μs|ms|s|sec|secs|seconds|milliseconds|microseconds|nanoseconds|min|minutes)'
const UNIT_SUFFIX = new RegExp(`^(.*?\\S)(?:\\s*[([]\\s*${TIME_UNIT}\\s*[)\\]]|[ _-]${TIME_UNIT})$`, 'i')

/** Returns the metric name without a trailing time unit (`ttft_ms`, `TTFT (s)`), lower-cased; null when it has none. */
export function metricStem(name: string): string | null {
  const match = UNIT_SUFFIX.exec(name.trim())
  return match === null ? null : match[1].toLowerCase()
}
