/**
 * One large CSV: the action's ingestion and statistics (the command-line preview,
 * narrative off, on a folder holding only that file) against csv-parse alone in its
 * fastest streaming configuration on the same file.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BenchContext } from '../context.js'
import { writeLargeCsv } from '../generate.js'
import { describeRepetitions, makeTemporaryFolder, maxOrNull, measurePaired, median, removeTemporaryFolder } from '../measure.js'
import { atLeast, atMost, exactly, figure, type Outcome } from '../results.js'
import { MB, timeCsvParseFloor, timePreview, toMegabytes } from '../subjects.js'

/** Runs may take this long in total before the benchmark stops repeating them. */
const BUDGET_MS = 10 * 60 * 1000
/** Peak RSS goal of the action; it is stated for a file of this size or larger. */
const PEAK_RSS_GOAL_MB = 400
const PEAK_RSS_GOAL_FILE_MB = 1024

export async function benchLargeCsv(context: BenchContext): Promise<Outcome> {
  const workspace = makeTemporaryFolder('large-csv')
  try {
    mkdirSync(join(workspace, 'artifacts'))
    const generatedAt = performance.now()
    const csv = writeLargeCsv(join(workspace, 'artifacts/requests.csv'), context.largeCsvMb * MB)
    context.progress(`large-csv: wrote ${(csv.bytes / MB).toFixed(0)} MB, ${csv.rows} rows in ${((performance.now() - generatedAt) / 1000).toFixed(1)} s`)

    // A child gets 60 s plus 2 s per MB: far above any plausible run, so only a hang is stopped.
    const timeoutMs = 60_000 + 2_000 * (csv.bytes / MB)
    const metricsPath = join(workspace, 'metrics.json')
    const inputs = {
      narrative: 'off',
      // The default limits (256MB per file, 2GB in all) would skip a larger file.
      'max-file-size': String(csv.bytes),
      'max-total-size': String(csv.bytes)
    }

    const samples = await measurePaired({
      repetitions: context.repetitions,
      warmUp: context.warmUp,
      budgetMs: BUDGET_MS,
      subject: async () => timePreview(workspace, inputs, timeoutMs, ['--metrics', metricsPath]),
      floor: () => timeCsvParseFloor(csv.path, timeoutMs),
      onRepetition: (index, sample) => context.progress(`large-csv ${index + 1}: action ${sample.subjectMs.toFixed(0)} ms, floor ${sample.floorMs.toFixed(0)} ms`)
    })

    const rowsCounted = countTtftRows(metricsPath)
    const megabytes = csv.bytes / MB
    const actionRate = megabytes / (median(samples.map(sample => sample.subjectMs)) / 1000)
    const floorRate = megabytes / (median(samples.map(sample => sample.floorMs)) / 1000)
    const actionPeak = toMegabytes(maxOrNull(samples.map(sample => sample.subjectRssBytes)))
    const rssGoalApplies = context.largeCsvMb >= PEAK_RSS_GOAL_FILE_MB
    return {
      status: 'done',
      reason: null,
      setup: [
        `Generated CSV of ${megabytes.toFixed(0)} MB: ${csv.rows} request rows (${csv.failedRows} failed), 4 models, 3 scenarios, 5 numeric columns and an error column.`,
        `Action: dist/cli/index.js (collect, analyze, compare without a baseline, render), narrative off, file-size limits raised to the file's size.`,
        `Floor: bench/floor/csv-parse-only.mjs, csv-parse streaming with default options. ${describeRepetitions(samples, context.warmUp)}`
      ],
      figures: [
        figure('large-csv.throughput-ratio', 'action / floor, throughput', actionRate / floorRate, '×', atLeast(0.8, '×')),
        figure('large-csv.action-mb-per-s', 'action, throughput', actionRate, 'MB/s'),
        figure('large-csv.floor-mb-per-s', 'floor, throughput', floorRate, 'MB/s'),
        figure(
          'large-csv.action-peak-rss-mb',
          'action, peak RSS',
          actionPeak,
          'MB',
          atMost(PEAK_RSS_GOAL_MB, ' MB'),
          rssGoalApplies ? undefined : `goal stated for a ${PEAK_RSS_GOAL_FILE_MB} MB file; run with --large-csv-mb ${PEAK_RSS_GOAL_FILE_MB}`,
          rssGoalApplies
        ),
        figure('large-csv.floor-peak-rss-mb', 'floor, peak RSS', toMegabytes(maxOrNull(samples.map(sample => sample.floorRssBytes))), 'MB'),
        figure('large-csv.rows-counted', 'rows in the ttft_ms statistics', rowsCounted, 'rows', exactly(csv.rows, ' rows'), 'samples plus failed runs over the series of ttft_ms in metrics.json: proves the whole file was read')
      ],
      samples: { bytes: csv.bytes, rows: csv.rows, failedRows: csv.failedRows, repetitions: samples }
    }
  } finally {
    removeTemporaryFolder(workspace)
  }
}

/** Sums samples and failed runs over the ttft_ms series of the preview's metrics JSON; null when there is none. */
function countTtftRows(metricsPath: string): number | null {
  type Series = { metric: string | { name: string }; n: number; failedRuns: number }
  const metrics = JSON.parse(readFileSync(metricsPath, 'utf8')) as { series?: Series[] }
  // The metric is its name, or an object with the name and its unit.
  const series = (metrics.series ?? []).filter(entry => (typeof entry.metric === 'string' ? entry.metric : entry.metric.name) === 'ttft_ms')
  return series.length === 0 ? null : series.reduce((total, entry) => total + entry.n + entry.failedRuns, 0)
}
