/**
 * The compare stage on analyses built in the test: matching, run selection, every
 * state, the significance rule, cold starts, noise and the failure message. Values
 * marked as from a case's expected.md are hand-calculated there (linear-interpolation
 * percentiles); p-values are from test/support/compare-mann-whitney-reference.py.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { SeriesMetric } from '../src/analyze/types.js'
import { compareAnalyses } from '../src/compare/index.js'
import type { BaselineSource, Comparison, SeriesComparison } from '../src/compare/types.js'
import { MemoryLogger } from '../src/logger.js'
import type { GateSettings } from '../src/settings/index.js'
import { analysis, failedSeries, gateSettings, series, TOKENS_PER_SECOND } from './support/compare-fixtures.js'

const BASELINE: BaselineSource = { kind: 'path', ref: 'baseline', reason: null }

async function compare(head: SeriesMetric[], base: SeriesMetric[] | null, settings: Partial<GateSettings> = {}): Promise<Comparison> {
  const source: BaselineSource = base === null ? { kind: 'none', ref: null, reason: 'the base commit has no artifacts' } : BASELINE
  return compareAnalyses(analysis(head), base === null ? null : analysis(base), source, gateSettings(settings), process.cwd(), new MemoryLogger())
}

function only(comparison: Comparison): SeriesComparison {
  assert.equal(comparison.entries.length, 1, `expected one entry, got ${comparison.entries.map(entry => `${entry.seriesKey} ${entry.metric.name} ${entry.state}`).join('; ')}`)
  return comparison.entries[0]
}

function assertNear(actual: number | null, expected: number, message: string): void {
  assert.notEqual(actual, null, `${message} is null`)
  assert.ok(Math.abs((actual as number) - expected) < 1e-9, `${message}: ${actual} is not ${expected}`)
}

function hasNote(entry: SeriesComparison, pattern: RegExp): boolean {
  return entry.notes.some(note => pattern.test(note))
}

describe('matching', () => {
  it('pairs by benchmark, location, key, metric', async () => {
    const comparison = await compare(
      [series({ seriesKey: 'series=chat' }), series({ seriesKey: 'series=embed', samples: [50, 51, 52] })],
      [series({ seriesKey: 'series=embed', samples: [50, 51, 52] }), series({ seriesKey: 'series=chat' })]
    )
    assert.deepEqual(
      comparison.entries.map(entry => [entry.seriesKey, entry.state]),
      [
        ['series=chat', 'unchanged'],
        ['series=embed', 'unchanged']
      ]
    )
  })

  it('different location is new and removed', async () => {
    const comparison = await compare([series({ location: 'backends.eager' })], [series({ location: 'backends.compiled' })])
    assert.deepEqual(
      comparison.entries.map(entry => [entry.location, entry.state]),
      [
        ['backends.eager', 'new'],
        ['backends.compiled', 'removed']
      ]
    )
  })

  it('metric renamed only in unit matches', async () => {
    const entry = only(
      await compare(
        [series({ metric: { name: 'ttft_s', sourceUnit: 's' }, samples: [1015, 1020, 1025] })],
        [series({ metric: { name: 'ttft_ms', sourceUnit: 'ms' }, samples: [975, 980, 985] })]
      )
    )
    assert.equal(entry.state, 'unchanged')
    assert.ok(hasNote(entry, /renamed from ttft_ms to ttft_s/), entry.notes.join('\n'))
  })
})

describe('units and direction', () => {
  it('seconds against milliseconds compares ms values', async () => {
    // Units case expected.md: PR samples 1.015, 1.02, 1.025 s are 1015, 1020, 1025 ms; p50 980 -> 1020 ms = +4.08 %.
    const entry = only(
      await compare(
        [series({ metric: { name: 'latency', sourceUnit: 's' }, samples: [1015, 1020, 1025] })],
        [series({ metric: { name: 'latency', sourceUnit: 'ms' }, samples: [975, 980, 985] })]
      )
    )
    assert.equal(entry.state, 'unchanged')
    assert.equal(entry.changes[0].base, 980)
    assert.equal(entry.changes[0].head, 1020)
    assertNear(entry.changes[0].change, 40 / 980, 'change')
    assert.ok(hasNote(entry, /source units differ \(base ms, head s\); both compared in ms/), entry.notes.join('\n'))
  })

  it('throughput drop is a regression', async () => {
    // Direction case expected.md: throughput p50 50 -> 40 = -20.0 %, a regression.
    const comparison = await compare(
      [series({ metric: TOKENS_PER_SECOND, samples: [39, 40, 41] })],
      [series({ metric: TOKENS_PER_SECOND, samples: [49, 50, 51] })]
    )
    const entry = only(comparison)
    assert.equal(entry.state, 'regression')
    assertNear(entry.changes[0].change, -0.2, 'change')
    assert.equal(entry.gated, false)
    assert.equal(entry.failsJob, false)
    assert.equal(comparison.failed, false)
    assert.ok(hasNote(entry, /not gated/), entry.notes.join('\n'))
  })

  it('throughput gated by kind word fails', async () => {
    const comparison = await compare(
      [series({ metric: TOKENS_PER_SECOND, samples: [39, 40, 41] })],
      [series({ metric: TOKENS_PER_SECOND, samples: [49, 50, 51] })],
      { gateMetrics: ['throughput'] }
    )
    assert.equal(only(comparison).failsJob, true)
    assert.equal(comparison.failed, true)
    assert.equal(comparison.failureMessage, '1 throughput regression: reports/latency.csv series=chat tokens_s median 50.00 tokens/s → 40.00 tokens/s (-20.0 %)')
  })

  it('throughput gated by name glob fails', async () => {
    const comparison = await compare(
      [series({ metric: TOKENS_PER_SECOND, samples: [39, 40, 41] })],
      [series({ metric: TOKENS_PER_SECOND, samples: [49, 50, 51] })],
      { gateMetrics: ['tokens_*'] }
    )
    assert.equal(comparison.failed, true)
  })

  it('latency drop is an improvement', async () => {
    // Direction case expected.md: latency p50 200 -> 180 ms = -10.0 %, an improvement.
    const comparison = await compare([series({ samples: [175, 180, 185] })], [series({ samples: [195, 200, 205] })])
    const entry = only(comparison)
    assert.equal(entry.state, 'improvement')
    assertNear(entry.changes[0].change, -0.1, 'change')
    assert.equal(comparison.failed, false)
  })

  it('exactly threshold slower passes', async () => {
    // max-regression is the largest allowed slowdown: 200 -> 220 ms (+10 %) is allowed at 10 %.
    const entry = only(await compare([series({ samples: [215, 220, 225] })], [series({ samples: [195, 200, 205] })]))
    assert.equal(entry.state, 'unchanged')
  })

  it('neutral metric is reported without verdict', async () => {
    const neutral = { name: 'eval_count', kind: 'count' as const, direction: 'neutral' as const, unit: '', sourceUnit: null }
    const entry = only(await compare([series({ metric: neutral, samples: [300, 300, 300] })], [series({ metric: neutral, samples: [200, 200, 200] })]))
    assert.equal(entry.state, 'inconclusive')
    assert.equal(entry.gated, false)
    assert.ok(hasNote(entry, /no better direction/), entry.notes.join('\n'))
  })
})

describe('deciding', () => {
  it('small n with one outlier', async () => {
    // Small-sample case expected.md: p50 100 -> 101 (+1.0 %), no regression; p95 is not gated with n = 5.
    const comparison = await compare([series({ samples: [98, 100, 101, 102, 500] })], [series({ samples: [98, 99, 100, 101, 102] })])
    const entry = only(comparison)
    assert.equal(entry.state, 'unchanged')
    assert.equal(entry.headN, 5)
    assert.equal(entry.baseN, 5)
    assert.equal(entry.changes.length, 1)
    assert.equal(entry.changes[0].statistic, 'median')
    assert.equal(entry.changes[0].base, 100)
    assert.equal(entry.changes[0].head, 101)
    assertNear(entry.changes[0].change, 0.01, 'change')
    assertNear(entry.changes[0].pValue, 0.5258089534529393, 'p-value')
    assert.equal(comparison.failed, false)
  })

  it('p95 gate below 20 samples is inconclusive', async () => {
    // Small-sample case expected.md: p95 101.8 -> 420.4 (+313 %) over 5 samples; one outlier must not fail the job.
    const comparison = await compare([series({ samples: [98, 100, 101, 102, 500] })], [series({ samples: [98, 99, 100, 101, 102] })], { statistic: 'p95' })
    const entry = only(comparison)
    assert.equal(entry.state, 'inconclusive')
    assert.deepEqual(entry.changes, [])
    assert.ok(entry.notes.includes('p95 not judged: needs at least 20 samples on each side (head 5, base 5)'), entry.notes.join('\n'))
    assert.doesNotMatch(JSON.stringify(comparison), /420\.4|101\.8|313/)
    assert.equal(comparison.failed, false)
  })

  it('p95 gate below 20 samples, small change', async () => {
    // Without an outlier the p95 still is not judged: a p95 of 5 samples is no p95 at all.
    const entry = only(await compare([series({ samples: [98, 99, 100, 101, 103] })], [series({ samples: [98, 99, 100, 101, 102] })], { statistic: 'p95' }))
    assert.equal(entry.state, 'inconclusive')
    assert.deepEqual(entry.changes, [])
  })

  it('p99 in fail-on inconclusive names no value', async () => {
    const comparison = await compare([series({ samples: [98, 100, 101, 102, 500] })], [series({ samples: [98, 99, 100, 101, 102] })], {
      statistic: 'p99',
      failOn: ['regression', 'inconclusive']
    })
    assert.equal(comparison.failureMessage, '1 inconclusive series: reports/latency.csv series=chat latency_ms')
    assert.ok(only(comparison).notes.includes('p99 not judged: needs at least 100 samples on each side (head 5, base 5)'))
  })

  it('mean gate names the outlier', async () => {
    // Small-sample case expected.md: mean 100.0 -> 180.2 (+80.2 %) because of the single 500 ms sample.
    // Head quartiles 100 and 102, so 500 is beyond 102 + 3 * 2; without it the mean is 401 / 4 = 100.25.
    const entry = only(await compare([series({ samples: [98, 100, 101, 102, 500] })], [series({ samples: [98, 99, 100, 101, 102] })], { statistic: 'mean' }))
    assertNear(entry.changes[0].change, 0.802, 'mean change')
    const notes = entry.notes.filter(note => note.includes('the mean is sensitive to it'))
    assert.equal(notes.length, 1, entry.notes.join('\n'))
    assert.match(notes[0], /^head max 500\.0 ms is far above its median 101\.0 ms; the mean is sensitive to it \(180\.2 ms with it, 100\.3 ms without it\)$/)
  })

  it('mean gate without outlier adds no note', async () => {
    // Quartiles 100 and 100, but leaving out 101 moves the mean by 0.2 %, far below the 10 % threshold.
    const entry = only(await compare([series({ samples: [100, 100, 100, 100, 101] })], [series({ samples: [100, 100, 100, 100, 100] })], { statistic: 'mean' }))
    assert.ok(!hasNote(entry, /sensitive/), entry.notes.join('\n'))
  })

  it('median gate adds no outlier note', async () => {
    const entry = only(await compare([series({ samples: [98, 100, 101, 102, 500] })], [series({ samples: [98, 99, 100, 101, 102] })]))
    assert.ok(!hasNote(entry, /sensitive/), entry.notes.join('\n'))
  })

  it('p95 also gated from 20 samples', async () => {
    // Number-check case expected.md: chat 180..370 vs 200..390 ms: p50 275 -> 295 (+7.27 %), p95 360.5 -> 380.5.
    const base = Array.from({ length: 20 }, (_, index) => 180 + 10 * index)
    const head = Array.from({ length: 20 }, (_, index) => 200 + 10 * index)
    const entry = only(await compare([series({ samples: head })], [series({ samples: base })]))
    assert.equal(entry.state, 'unchanged')
    assert.deepEqual(
      entry.changes.map(change => change.statistic),
      ['median', 'p95']
    )
    assertNear(entry.changes[0].change, 20 / 275, 'median change')
    assertNear(entry.changes[1].base, 360.5, 'base p95')
    assertNear(entry.changes[1].head, 380.5, 'head p95')
    assertNear(entry.changes[1].pValue, 0.30999341907445943, 'p-value')
  })

  it('significant slowdown is a regression', async () => {
    const comparison = await compare([series({ samples: [120, 121, 122, 123, 124] })], [series({ samples: [100, 101, 102, 103, 104] })])
    const entry = only(comparison)
    assert.equal(entry.state, 'regression')
    assertNear(entry.changes[0].pValue, 0.007936507936507936, 'p-value')
    assert.equal(entry.failsJob, true)
    assert.equal(comparison.failed, true)
  })

  it('slowdown without significance is inconclusive', async () => {
    // Median 104 -> 300 passes the threshold, but the samples overlap: p = 0.6004018480969686.
    const comparison = await compare([series({ samples: [101, 103, 300, 305, 315] })], [series({ samples: [100, 102, 104, 300, 310] })])
    const entry = only(comparison)
    assert.equal(entry.state, 'inconclusive')
    assert.equal(entry.changes[0].exceedsThreshold, true)
    assertNear(entry.changes[0].pValue, 0.6004018480969686, 'p-value')
    assert.equal(entry.failsJob, false)
    assert.ok(hasNote(entry, /does not find it significant \(p = 0\.600, alpha 0\.05\)/), entry.notes.join('\n'))
  })

  it('fewer than 5 samples uses threshold alone', async () => {
    const entry = only(await compare([series({ samples: [250, 260, 270] })], [series({ samples: [190, 200, 210] })]))
    assert.equal(entry.state, 'regression')
    assert.equal(entry.changes[0].pValue, null)
    assert.match(entry.changes[0].noTestReason ?? '', /fewer than 5 samples on a side \(head 3, base 3\)/)
  })

  it('pre-aggregated values use threshold alone', async () => {
    const mean = { name: 'mean_ttft_s', aggregate: 'mean' as const, sourceUnit: 's' }
    const entry = only(await compare([series({ metric: mean, samples: [7000] })], [series({ metric: mean, samples: [6100] })]))
    assert.equal(entry.state, 'regression')
    assert.equal(entry.changes[0].statistic, 'mean')
    assert.match(entry.changes[0].noTestReason ?? '', /pre-aggregated values \(mean\)/)
  })

  it('absolute floor hides small change', async () => {
    const entry = only(await compare([series({ samples: [12, 12.2, 12.4] })], [series({ samples: [10, 10.2, 10.4] })], { minAbsoluteChangeMs: 5 }))
    assert.equal(entry.state, 'unchanged')
    assert.equal(entry.changes[0].exceedsThreshold, false)
    assert.ok(hasNote(entry, /below the absolute floor of 5\.00 ms/), entry.notes.join('\n'))
  })

  it('sample limit uses analyze statistics', async () => {
    // Past analyze's sample limit only the first samples are kept, and the statistics cover all of them.
    const head = series({ samples: [120, 121, 122, 123, 124] })
    head.stats = { ...(head.stats ?? assert.fail('no stats')), n: 5_000_001, p50: 130 }
    const entry = only(await compare([head], [series({ samples: [100, 101, 102, 103, 104] })]))
    assert.equal(entry.headN, 5_000_001)
    assert.equal(entry.changes[0].head, 130)
    assert.ok(hasNote(entry, /head run has 5000001 samples, more than analyze keeps/), entry.notes.join('\n'))
  })

  it('zero base gives no percentage', async () => {
    const comparison = await compare([series({ samples: [1, 1, 1] })], [series({ samples: [0, 0, 0] })])
    const entry = only(comparison)
    assert.equal(entry.state, 'inconclusive')
    assert.equal(entry.changes[0].change, null)
    assert.doesNotMatch(JSON.stringify(comparison), /Infinity|NaN/)
  })
})

describe('cold starts', () => {
  const head = [1000, 100, 101, 102, 103, 104]
  const base = [100, 101, 102, 103, 104]

  it('left out of statistic and test', async () => {
    const entry = only(await compare([series({ samples: head, coldStartIndex: 0 })], [series({ samples: base })], { statistic: 'mean' }))
    assert.equal(entry.state, 'unchanged')
    assert.equal(entry.headN, 5)
    assert.equal(entry.changes[0].head, 102)
    // Without the cold start both samples are 100..104: p = 1.0.
    assert.equal(entry.changes[0].pValue, 1)
    assert.ok(hasNote(entry, /head sample 1 \(1000\.0 ms\) is a likely cold start and is left out/), entry.notes.join('\n'))
  })

  it('kept with keep-cold-starts', async () => {
    const entry = only(await compare([series({ samples: head, coldStartIndex: 0 })], [series({ samples: base })], { statistic: 'mean', keepColdStarts: true }))
    assert.equal(entry.headN, 6)
    assertNear(entry.changes[0].head, 1510 / 6, 'head mean')
    // With the cold start: p = 0.7118520451183862, so the +147 % mean is inconclusive.
    assertNear(entry.changes[0].pValue, 0.7118520451183862, 'p-value')
    assert.equal(entry.state, 'inconclusive')
    assert.ok(hasNote(entry, /kept, because keep-cold-starts is on/), entry.notes.join('\n'))
  })
})

describe('states', () => {
  it('removed series', async () => {
    const entry = only(await compare([], [series({ path: 'reports/old.csv' })]))
    assert.equal(entry.state, 'removed')
    assert.equal(entry.headPath, null)
    assert.equal(entry.basePath, 'reports/old.csv')
    assert.equal(entry.line, 0)
    assert.equal(entry.failsJob, false)
  })

  it('new series', async () => {
    const comparison = await compare([series({ path: 'reports/new.csv' })], [series({ path: 'reports/old.csv' })])
    const entry = comparison.entries.find(item => item.state === 'new')
    assert.ok(entry !== undefined, 'no new entry')
    assert.equal(entry.headPath, 'reports/new.csv')
    assert.equal(entry.basePath, null)
    assert.equal(entry.changes.length, 0)
    assert.equal(entry.failsJob, false)
  })

  it('failed head run fails job', async () => {
    const failures = [{ path: 'reports/latency.csv', location: '', seriesKey: 'series=chat', failed: 5, total: 5, topError: 'Connection refused', topErrorCount: 5, line: 2 }]
    const comparison = await compareAnalyses(
      analysis([failedSeries({ failedRuns: 5 })], failures),
      analysis([series()]),
      BASELINE,
      gateSettings(),
      process.cwd(),
      new MemoryLogger()
    )
    const entry = only(comparison)
    assert.equal(entry.state, 'failed')
    assert.equal(entry.failsJob, true)
    assert.ok(hasNote(entry, /every row of the head run failed \(5 of 5\); most common error \(5 rows\): Connection refused/), entry.notes.join('\n'))
    assert.equal(comparison.failureMessage, '1 failed series (every run failed): reports/latency.csv series=chat')
  })

  it('failed note quotes first error line', async () => {
    const traceback = `Cannot find a working triton installation.\n\nSet TORCHDYNAMO_VERBOSE=1 ${'x'.repeat(300)}`
    const failures = [{ path: 'reports/latency.csv', location: '', seriesKey: 'series=chat', failed: 1, total: 1, topError: traceback, topErrorCount: 1, line: 2 }]
    const comparison = await compareAnalyses(analysis([failedSeries({ failedRuns: 1 })], failures), analysis([series()]), BASELINE, gateSettings(), process.cwd(), new MemoryLogger())
    const note = only(comparison).notes.find(item => item.startsWith('every row'))
    assert.equal(note, 'every row of the head run failed (1 of 1); most common error (1 rows): Cannot find a working triton installation.')
  })

  it('already failing on base not gated', async () => {
    const comparison = await compare([failedSeries({ failedRuns: 5 })], [failedSeries({ failedRuns: 5 })])
    const entry = only(comparison)
    assert.equal(entry.state, 'failed')
    assert.equal(entry.failsJob, false)
    assert.equal(comparison.failed, false)
    assert.ok(hasNote(entry, /newest base run failed too/), entry.notes.join('\n'))
  })

  it('failed not in fail-on passes', async () => {
    const comparison = await compare([failedSeries({ failedRuns: 5 })], [series()], { failOn: ['regression'] })
    assert.equal(only(comparison).state, 'failed')
    assert.equal(comparison.failed, false)
  })

  it('base without data is no-baseline', async () => {
    const entry = only(await compare([series()], [failedSeries({ failedRuns: 3 })]))
    assert.equal(entry.state, 'no-baseline')
    assert.equal(entry.failsJob, false)
    assert.ok(hasNote(entry, /every row of every base run failed/), entry.notes.join('\n'))
  })

  it('head without samples is no-data', async () => {
    const entry = only(await compare([series({ samples: [] })], [series()]))
    assert.equal(entry.state, 'no-data')
    assert.ok(hasNote(entry, /head run has no valid samples/), entry.notes.join('\n'))
  })

  it('no samples on either side is no-data', async () => {
    const entry = only(await compare([series({ samples: [] })], [series({ samples: [] })]))
    assert.equal(entry.state, 'no-data')
    assert.equal(entry.baseN, 0)
    assert.equal(entry.failsJob, false)
    assert.ok(hasNote(entry, /neither the head run nor any base run has valid samples/), entry.notes.join('\n'))
  })

  it('aggregate change is not comparable', async () => {
    const entry = only(await compare([series({ metric: { aggregate: 'p95' } })], [series()]))
    assert.equal(entry.state, 'not-comparable')
    assert.ok(hasNote(entry, /aggregate raw samples → p95/), entry.notes.join('\n'))
  })

  it('kind change is not comparable', async () => {
    const entry = only(await compare([series({ metric: { kind: 'other' } })], [series()]))
    assert.equal(entry.state, 'not-comparable')
    assert.ok(hasNote(entry, /kind latency → other/), entry.notes.join('\n'))
  })

  it('inconclusive in fail-on fails', async () => {
    const comparison = await compare([series({ samples: [101, 103, 300, 305, 315] })], [series({ samples: [100, 102, 104, 300, 310] })], { failOn: ['regression', 'inconclusive'] })
    assert.equal(comparison.failed, true)
    assert.match(comparison.failureMessage ?? '', /^1 inconclusive series: reports\/latency\.csv series=chat latency_ms$/)
  })

  it('counts every state', async () => {
    const comparison = await compare([series({ seriesKey: 'series=a' })], [series({ seriesKey: 'series=b' })])
    assert.deepEqual(comparison.counts, {
      regression: 0,
      improvement: 0,
      unchanged: 0,
      inconclusive: 0,
      new: 1,
      removed: 1,
      failed: 0,
      'no-baseline': 0,
      'not-comparable': 0,
      'no-data': 0
    })
  })
})

describe('first run without baseline', () => {
  it('passes and lists series as new', async () => {
    // First-run case expected.md: chat 100, 120, 140 ms with an empty base tree; exit code 0.
    const comparison = await compare([series({ samples: [100, 120, 140] }), series({ metric: TOKENS_PER_SECOND, samples: [40, 41, 42] })], null)
    assert.equal(comparison.baseline.kind, 'none')
    assert.deepEqual(
      comparison.entries.map(entry => entry.state),
      ['new', 'new']
    )
    assert.equal(comparison.entries[0].headN, 3)
    assert.equal(comparison.counts.new, 2)
    assert.equal(comparison.failed, false)
    assert.equal(comparison.failureMessage, null)
    assert.doesNotMatch(JSON.stringify(comparison), /Infinity|NaN/)
  })

  it('failed head run does not fail', async () => {
    const comparison = await compare([failedSeries({ failedRuns: 3 })], null)
    const entry = only(comparison)
    assert.equal(entry.state, 'failed')
    assert.equal(entry.failsJob, false)
    assert.equal(comparison.failed, false)
  })

  it('source kind git without analysis is none', async () => {
    const comparison = await compareAnalyses(analysis([series()]), null, { kind: 'git', ref: 'abc', reason: null }, gateSettings(), process.cwd(), new MemoryLogger())
    assert.equal(comparison.baseline.kind, 'none')
    assert.equal(only(comparison).state, 'new')
  })
})

describe('timestamped runs', () => {
  const benchmark = 'reports/ollama/{run}/gemma3_runs.csv'
  function run(stamp: string, samples: number[], options: { failedRuns?: number; folder?: string } = {}): SeriesMetric {
    const folder = options.folder ?? stamp.replace(/[-:]/g, '').slice(0, 15).replace('T', '-')
    const path = `reports/ollama/${folder}/gemma3_runs.csv`
    return samples.length === 0 ? failedSeries({ path, benchmark, runStamp: stamp, failedRuns: options.failedRuns ?? 5 }) : series({ path, benchmark, runStamp: stamp, samples })
  }

  it('newest head against newest base', async () => {
    const older = run('2025-10-01T10:00:00Z', [100, 101, 102])
    const newer = run('2025-10-02T10:00:00Z', [200, 201, 202])
    const added = run('2025-10-03T10:00:00Z', [205, 206, 207])
    const entry = only(await compare([older, newer, added], [newer, older]))
    assert.equal(entry.headRun, '2025-10-03T10:00:00Z')
    assert.equal(entry.baseRun, '2025-10-02T10:00:00Z')
    assert.equal(entry.headPath, 'reports/ollama/20251003-100000/gemma3_runs.csv')
    assert.equal(entry.basePath, 'reports/ollama/20251002-100000/gemma3_runs.csv')
    assert.equal(entry.changes[0].base, 201)
  })

  it('orders by run stamp, not path', async () => {
    const first = run('2025-10-05T10:00:00Z', [100, 101, 102], { folder: 'run-b' })
    const second = run('2025-10-06T10:00:00Z', [150, 151, 152], { folder: 'run-a' })
    const entry = only(await compare([first, second], [first]))
    assert.equal(entry.headPath, 'reports/ollama/run-a/gemma3_runs.csv')
    assert.equal(entry.state, 'regression')
  })

  it('falls back past failed base run', async () => {
    const good = run('2025-10-01T10:00:00Z', [100, 101, 102])
    const broken = run('2025-10-02T10:00:00Z', [])
    const added = run('2025-10-03T10:00:00Z', [103, 104, 105])
    const entry = only(await compare([good, broken, added], [good, broken]))
    assert.equal(entry.state, 'unchanged')
    assert.equal(entry.baseRun, '2025-10-01T10:00:00Z')
    assert.equal(entry.basePath, 'reports/ollama/20251001-100000/gemma3_runs.csv')
    assert.ok(hasNote(entry, /newest base run, 2025-10-02T10:00:00Z \(reports\/ollama\/20251002-100000\/gemma3_runs\.csv\), has no data because every row failed; compared with the base run 2025-10-01T10:00:00Z/), entry.notes.join('\n'))
  })

  it('new failed run fails job', async () => {
    const good = run('2025-10-01T10:00:00Z', [100, 101, 102])
    const broken = run('2025-10-03T10:00:00Z', [])
    const comparison = await compare([good, broken], [good])
    assert.equal(only(comparison).state, 'failed')
    assert.equal(comparison.failed, true)
  })

  it('run unchanged by pull request not gated', async () => {
    // The base branch moved on: its newest run is faster, and the pull request added no run.
    const old = run('2025-10-01T10:00:00Z', [200, 201, 202])
    const newerOnBase = run('2025-10-04T10:00:00Z', [100, 101, 102])
    const comparison = await compare([old], [old, newerOnBase])
    const entry = only(comparison)
    assert.equal(entry.state, 'regression')
    assert.equal(entry.failsJob, false)
    assert.ok(hasNote(entry, /pull request did not change it/), entry.notes.join('\n'))
    assert.equal(comparison.failed, false)
  })
})

describe('noise estimate', () => {
  const benchmark = 'reports/ollama/{run}/gemma3_runs.csv'
  const runs = [
    ['2025-10-01T10:00:00Z', [99, 100, 101]],
    ['2025-10-02T10:00:00Z', [109, 110, 111]],
    ['2025-10-03T10:00:00Z', [89, 90, 91]]
  ] as const
  const baseRuns = runs.map(([stamp, samples], index) => series({ path: `reports/ollama/run-${index}/gemma3_runs.csv`, benchmark, runStamp: stamp, samples: [...samples] }))

  it('flags threshold below twice variation', async () => {
    // Medians 100, 110, 90: sample standard deviation 10, mean 100, so the variation is 10 %.
    const comparison = await compare(baseRuns, baseRuns)
    assert.equal(comparison.noise.length, 1)
    assert.equal(comparison.noise[0].runs, 3)
    assertNear(comparison.noise[0].variation, 0.1, 'variation')
    assert.equal(comparison.noise[0].thresholdTooTight, true)
    assert.ok(hasNote(only(comparison), /varies by 10\.0 % \(coefficient of variation\) across 3 base runs/), only(comparison).notes.join('\n'))
  })

  it('wide threshold is not flagged', async () => {
    const comparison = await compare(baseRuns, baseRuns, { maxRegression: 0.25 })
    assert.equal(comparison.noise[0].thresholdTooTight, false)
  })

  it('two runs give no estimate', async () => {
    const comparison = await compare(baseRuns.slice(0, 2), baseRuns.slice(0, 2))
    assert.deepEqual(comparison.noise, [])
  })

  it('p95 below its sample minimum gives no estimate', async () => {
    // Three samples per run are far below the 20 that p95 needs, so its spread across runs is not estimated.
    const comparison = await compare(baseRuns, baseRuns, { statistic: 'p95' })
    assert.deepEqual(comparison.noise, [])
    assert.ok(!hasNote(only(comparison), /varies by/), only(comparison).notes.join('\n'))
  })
})

describe('failure message', () => {
  it('names worst regression first', async () => {
    const comparison = await compare(
      [series({ seriesKey: 'series=chat', samples: [250, 260, 270] }), series({ seriesKey: 'series=embed', samples: [140, 150, 160] })],
      [series({ seriesKey: 'series=chat', samples: [190, 200, 210] }), series({ seriesKey: 'series=embed', samples: [90, 100, 110] })]
    )
    assert.equal(
      comparison.failureMessage,
      '2 latency regressions: reports/latency.csv series=embed latency_ms median 100.0 ms → 150.0 ms (+50.0 %), reports/latency.csv series=chat latency_ms median 200.0 ms → 260.0 ms (+30.0 %)'
    )
  })

  it('counts past three named', async () => {
    const keys = ['a', 'b', 'c', 'd', 'e']
    const comparison = await compare(
      keys.map(key => series({ seriesKey: `series=${key}`, samples: [250, 260, 270] })),
      keys.map(key => series({ seriesKey: `series=${key}`, samples: [190, 200, 210] }))
    )
    assert.match(comparison.failureMessage ?? '', /^5 latency regressions: .*, and 2 more$/)
  })
})
