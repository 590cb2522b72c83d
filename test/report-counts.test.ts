/**
 * The report's counts: the verdict line, the comment and the job summary all count
 * comparison entries as `comparison.counts` does, and name older runs of timestamped
 * benchmarks, failed series and series without data apart.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { SeriesMetric } from '../src/analyze/types.js'
import type { SeriesComparison } from '../src/compare/types.js'
import { buildMetricsDocument } from '../src/publish/metrics-json.js'
import { renderCommentBody, renderReport } from '../src/publish/report/index.js'
import { analysis, comparison, entry, model, series, statistics, THROUGHPUT } from './support/report-fixtures.js'

const BENCHMARK = 'reports/{run}/latency.csv'

/** Builds one run of the timestamped benchmark: the series `chat` in the run's own folder. */
function run(stamp: string, latency: number): SeriesMetric {
  return series('chat', statistics({ n: 3, mean: latency, min: latency, max: latency, p50: latency }), {
    path: `reports/${stamp}/latency.csv`,
    benchmark: BENCHMARK,
    runStamp: stamp
  })
}

/** Three runs of one benchmark, of which only the newest has a comparison entry. */
function timestampedModel(state: 'new' | 'unchanged') {
  const runs = [run('2025-01-01T00:00:00Z', 100), run('2025-01-02T00:00:00Z', 101), run('2025-01-03T00:00:00Z', 102)]
  const newest = entry(runs[2], state, state === 'new' ? null : { base: 102, head: 102 })
  const baseline = state === 'new' ? { baseline: { kind: 'none' as const, ref: null, reason: 'the base commit has no artifacts' } } : {}
  return model(analysis(runs), comparison([newest], baseline))
}

function verdictLines(markdown: string): string[] {
  return markdown.split('\n').slice(0, 12)
}

describe('report counts of older runs', () => {
  test('no baseline counts only compared', () => {
    const report = renderReport(timestampedModel('new'))
    assert.ok(verdictLines(report).includes('0 regressions · 0 improvements · 0 inconclusive · 1 new · 0 removed · 0 failed series'), report)
  })

  test('no baseline names older runs', () => {
    const report = renderReport(timestampedModel('new'))
    assert.ok(report.includes('2 older runs of timestamped benchmarks, not compared: only the newest run of each benchmark is compared.'), report)
  })

  test('with baseline names older runs', () => {
    const report = renderReport(timestampedModel('unchanged'))
    assert.ok(report.includes('2 older runs of timestamped benchmarks, not compared'), report)
    assert.ok(report.includes(' · 1 unchanged'), report)
  })

  test('metrics state of older runs', () => {
    const document = buildMetricsDocument(timestampedModel('new'))
    assert.deepEqual(
      document.series.map(item => item.state),
      ['not-compared', 'not-compared', 'new']
    )
  })

  test('omission counts entries and runs apart', () => {
    const body = renderCommentBody(timestampedModel('unchanged'), { maxChars: 900, summaryUrl: null })
    // 900 characters hold the verdict and the narrative note, but not the statistics table.
    assert.ok(body.includes('**Not shown in this comment:** 1 of 1 series and metrics (1 unchanged) and 2 of the 2 older runs of timestamped benchmarks, not compared.'), body)
  })
})

describe('report counts of failed series', () => {
  // One series whose every run failed, reported for two metrics: one failed series, two failed entries.
  const latency = series('chat', null, { failedRuns: 3 })
  const throughput = series('chat', null, { failedRuns: 3, metric: THROUGHPUT })
  const failed = [entry(latency, 'failed', null), entry(throughput, 'failed', null)]

  test('series with metric count', () => {
    const report = renderReport(model(analysis([latency, throughput]), comparison(failed)))
    assert.ok(report.includes(' · 1 failed series (2 metrics)'), verdictLines(report).join('\n'))
  })

  test('one metric shows series only', () => {
    const report = renderReport(model(analysis([latency]), comparison(failed.slice(0, 1))))
    assert.ok(verdictLines(report).includes('0 regressions · 0 improvements · 0 inconclusive · 0 new · 0 removed · 1 failed series'), verdictLines(report).join('\n'))
  })
})

describe('report counts without data', () => {
  const empty = series('idle', null)
  const lost = series('chat', null)
  const neither: SeriesComparison = entry(empty, 'no-data', null, { baseN: 0, notes: ['neither the head run nor any base run has valid samples'] })
  const headLost: SeriesComparison = entry(lost, 'no-data', null, { baseN: 5, notes: ['the head run has no valid samples'] })
  const report = renderReport(model(analysis([empty, lost]), comparison([neither, headLost])))

  test('never says not comparable', () => {
    assert.doesNotMatch(report, /not comparable/)
  })

  test('counts no data on either side', () => {
    assert.ok(report.includes(' · 1 with no data on either side'), verdictLines(report).join('\n'))
  })

  test('counts data lost in the head', () => {
    assert.ok(report.includes(' · 1 without data in the head'), verdictLines(report).join('\n'))
  })

  test('lost data listed as a change', () => {
    const otherChanges = report.slice(report.indexOf('### Other changes'))
    assert.ok(otherChanges.includes('| without data | `reports/latency.csv` | `series=chat`'), otherChanges.slice(0, 800))
  })

  test('empty on both sides is folded', () => {
    assert.ok(report.includes('<summary>1 series with no data on either side</summary>'), report)
  })
})
