import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import type { Narrative } from '../src/narrate/types.js'
import { buildMetricsDocument, METRICS_SCHEMA_VERSION } from '../src/publish/metrics-json.js'
import { buildMetricsDocument as fromReportModule } from '../src/publish/report/index.js'
import { LATENCY_MS, analysis, comparison, entry, inventory, model, modelRun, series, statistics } from './support/report-fixtures.js'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

function fullModel() {
  const cold = series('cold', statistics({ n: 5, mean: 180.2, stddev: 178.8, min: 98, p50: 101, p90: 340.8, p95: 420.4, p99: 484.08, max: 500 }), {
    // 12345.678 is in no statistic, so finding it in the JSON means samples leaked.
    samples: new Float64Array([500, 98, 100, 101, 102, 12345.678]),
    coldStartIndex: 0,
    labels: { series: 'cold', model: 'gemma3' },
    flags: [{ code: 'low-sample-percentiles', message: 'p95 and p99 need 20 and 100 samples' }]
  })
  const chat = series('chat', statistics({ n: 20, mean: 295, stddev: 59.16, min: 200, p50: 295, p90: 371, p95: 380.5, p99: 388.1, max: 390 }))
  const reported = series('reported', statistics({ n: 1, mean: 566.7, min: 566.7, max: 566.7, p50: 566.7 }), {
    metric: { ...LATENCY_MS, name: 'mean_time_ms', aggregate: 'mean' }
  })
  const empty = series('embed', null, { path: 'reports/embed.csv', benchmark: 'reports/embed.csv' })
  const removed = series('gone', statistics({ n: 3, mean: 1, min: 1, max: 1, p50: 1 }))
  const entries = [
    entry(chat, 'regression', { base: 275, head: 295, change: 0.0727, pValue: 0.01 }),
    entry(cold, 'unchanged', { base: 100, head: 101, change: 0.01 }),
    entry(removed, 'removed', null, { headN: 0, baseN: 3 })
  ]
  const head = analysis([empty, chat, reported, cold], {
    failures: [{ path: 'reports/runs.csv', location: '', seriesKey: '', failed: 5, total: 5, topError: 'timeout', topErrorCount: 5, line: 2 }],
    warnings: [{ path: 'reports/mixed.csv', line: 7, code: 'invalid-number', message: "value '1,5' is not a number" }],
    inventory: inventory({ skipped: [{ path: 'reports/utf16.csv', reason: 'UTF-16 byte order mark' }] })
  })
  const noise = [{ benchmark: 'reports/latency.csv', seriesKey: 'series=chat', metric: 'latency_ms', runs: 6, variation: 0.12, thresholdTooTight: true }]
  const narrative: Narrative = { status: 'generated', markdown: 'Text.', note: null, removedSentences: 1, factsTrimmed: false, run: modelRun() }
  return model(head, comparison(entries, { noise }), narrative)
}

describe('metrics document', () => {
  const document = buildMetricsDocument(fullModel())
  const json = JSON.stringify(document)

  test('schema version 1', () => {
    assert.equal(document.schemaVersion, 1)
    assert.equal(METRICS_SCHEMA_VERSION, 1)
  })

  test('top-level fields', () => {
    assert.deepEqual(Object.keys(document), [
      'schemaVersion',
      'run',
      'percentileMethod',
      'percentileMinimumSamples',
      'verdict',
      'baseline',
      'gate',
      'inventory',
      'series',
      'comparisons',
      'failedRuns',
      'warnings',
      'noise',
      'narrative',
      'modelRun'
    ])
  })

  test('series fields', () => {
    assert.deepEqual(Object.keys(document.series[0]), [
      'path',
      'location',
      'benchmark',
      'runStamp',
      'seriesKey',
      'labels',
      'metric',
      'n',
      'stats',
      'lowSamplePercentiles',
      'coldStart',
      'droppedNonFinite',
      'failedRuns',
      'flags',
      'line',
      'state'
    ])
  })

  test('metric fields', () => {
    assert.deepEqual(Object.keys(document.series[0].metric), ['name', 'kind', 'direction', 'unit', 'sourceUnit', 'aggregate'])
  })

  test('statistics fields', () => {
    assert.deepEqual(Object.keys(document.series[1].stats ?? {}), ['n', 'mean', 'stddev', 'min', 'max', 'p50', 'p90', 'p95', 'p99'])
  })

  test('no samples written', () => {
    assert.ok(!/"samples"\s*:/.test(json), 'a samples field')
    assert.ok(!json.includes('12345.678'), 'a raw sample value appears')
  })

  test('series sorted by file', () => {
    assert.deepEqual(
      document.series.map(item => `${item.path} ${item.seriesKey} ${item.metric.name}`),
      ['reports/embed.csv series=embed latency_ms', 'reports/latency.csv series=chat latency_ms', 'reports/latency.csv series=cold latency_ms', 'reports/latency.csv series=reported mean_time_ms']
    )
  })

  test('low-sample percentiles flagged', () => {
    const cold = document.series.find(item => item.seriesKey === 'series=cold')
    assert.deepEqual(cold?.lowSamplePercentiles, ['p90', 'p95', 'p99'])
  })

  test('low-sample percentiles kept', () => {
    const cold = document.series.find(item => item.seriesKey === 'series=cold')
    assert.equal(cold?.stats?.p95, 420.4)
  })

  test('enough samples not flagged', () => {
    const chat = document.series.find(item => item.seriesKey === 'series=chat')
    assert.deepEqual(chat?.lowSamplePercentiles, ['p99'])
  })

  test('no data is null', () => {
    const embed = document.series.find(item => item.seriesKey === 'series=embed')
    assert.equal(embed?.n, 0)
    assert.equal(embed?.stats, null)
  })

  test('cold start value', () => {
    const cold = document.series.find(item => item.seriesKey === 'series=cold')
    assert.deepEqual(cold?.coldStart, { index: 0, value: 500 })
  })

  test('aggregate named', () => {
    const reported = document.series.find(item => item.metric.name === 'mean_time_ms')
    assert.equal(reported?.metric.aggregate, 'mean')
  })

  test('labels sorted', () => {
    const cold = document.series.find(item => item.seriesKey === 'series=cold')
    assert.deepEqual(Object.keys(cold?.labels ?? {}), ['model', 'series'])
  })

  test('series state joined', () => {
    assert.deepEqual(
      document.series.map(item => item.state),
      ['not-compared', 'regression', 'unchanged', 'not-compared']
    )
  })

  test('verdict counts', () => {
    assert.equal(document.verdict.failed, true)
    assert.equal(document.verdict.counts.regression, 1)
    assert.equal(document.verdict.counts.removed, 1)
    assert.equal(document.verdict.counts.unchanged, 1)
  })

  test('comparison entries', () => {
    assert.equal(document.comparisons.length, 3)
    const chat = document.comparisons.find(item => item.seriesKey === 'series=chat')
    assert.deepEqual(chat?.changes[0], {
      statistic: 'median',
      lowSample: false,
      base: 275,
      head: 295,
      change: 0.0727,
      pValue: 0.01,
      noTestReason: 'fewer than 5 samples',
      threshold: 0.1,
      absoluteFloor: 0,
      exceedsThreshold: false
    })
  })

  test('inventory and problems', () => {
    assert.equal(document.inventory.skipped[0].reason, 'UTF-16 byte order mark')
    assert.equal(document.failedRuns[0].failed, 5)
    assert.equal(document.warnings[0].line, 7)
    assert.equal(document.noise[0].variation, 0.12)
  })

  test('narrative and model run', () => {
    assert.equal(document.narrative.status, 'generated')
    assert.equal(document.narrative.removedSentences, 1)
    assert.equal(document.modelRun?.tokensPerSecond, 41.25)
    assert.deepEqual(Object.keys(document.modelRun?.options ?? {}), ['num_ctx', 'temperature'])
  })

  test('deterministic', () => {
    assert.equal(JSON.stringify(buildMetricsDocument(fullModel())), json)
  })

  test('input order does not matter', () => {
    const reversed = fullModel()
    reversed.head.series.reverse()
    reversed.comparison.entries.reverse()
    assert.equal(JSON.stringify(buildMetricsDocument(reversed)), json)
  })

  test('report module re-exports', () => {
    assert.equal(fromReportModule, buildMetricsDocument)
  })
})

describe('metrics document numbers', () => {
  test('low-sample change flagged', () => {
    const low = fullModel()
    const cold = low.comparison.entries.find(item => item.seriesKey === 'series=cold')
    cold?.changes.push({ statistic: 'p95', base: 101.8, head: 420.4, change: 3.1296, pValue: null, noTestReason: null, threshold: 0.1, absoluteFloor: 0, exceedsThreshold: true })
    const change = buildMetricsDocument(low).comparisons.find(item => item.seriesKey === 'series=cold')?.changes[1]
    assert.equal(change?.lowSample, true)
    assert.equal(change?.head, 420.4)
  })

  test('non-finite written as null', () => {
    const odd = fullModel()
    odd.comparison.entries[0].changes[0].change = Number.POSITIVE_INFINITY
    const document = buildMetricsDocument(odd)
    const json = JSON.stringify(document)
    assert.ok(!/Infinity|NaN/.test(json))
    assert.equal(document.comparisons.find(item => item.seriesKey === 'series=chat')?.changes[0].change, null)
  })
})

describe('metrics schema document', () => {
  const schema = readFileSync(path.join(repoRoot, 'docs/metrics-schema.md'), 'utf8')
  const document = buildMetricsDocument(fullModel())

  test('documents every top-level field', () => {
    for (const key of Object.keys(document)) assert.ok(schema.includes(`\`${key}\``), `docs/metrics-schema.md does not mention ${key}`)
  })

  test('documents every series field', () => {
    for (const key of Object.keys(document.series[0])) assert.ok(schema.includes(`\`${key}\``), `docs/metrics-schema.md does not mention ${key}`)
  })

  test('documents every metric field', () => {
    for (const key of Object.keys(document.series[0].metric)) assert.ok(schema.includes(`\`${key}\``), `docs/metrics-schema.md does not mention ${key}`)
  })

  test('documents every comparison field', () => {
    for (const key of Object.keys(document.comparisons[0])) assert.ok(schema.includes(`\`${key}\``), `docs/metrics-schema.md does not mention ${key}`)
  })

  test('states the version', () => {
    assert.ok(schema.includes('`schemaVersion`: 1') || schema.includes('"schemaVersion": 1'))
  })
})
