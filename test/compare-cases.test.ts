/**
 * The compare stage on the comparison cases in ../shared/cases: each case's base/ and
 * pr/ folders go through the real collect and analyze stages, and the expected values
 * are those its expected.md states (linear-interpolation percentiles, 10 % threshold).
 */
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, it } from 'node:test'
import { analyzeCollection } from '../src/analyze/index.js'
import type { Analysis } from '../src/analyze/types.js'
import { collectArtifacts } from '../src/collect/index.js'
import { compareAnalyses, loadBaseline } from '../src/compare/index.js'
import type { Comparison, SeriesComparison } from '../src/compare/types.js'
import { MemoryLogger } from '../src/logger.js'
import { DEFAULT_ARTIFACT_PATTERNS, type GateSettings } from '../src/settings/index.js'
import { gateSettings } from './support/compare-fixtures.js'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const casesRoot = resolve(repoRoot, '../shared/cases')
const skip = existsSync(casesRoot) ? false : `the regression cases are absent at ${casesRoot}`

const COLLECT = { patterns: DEFAULT_ARTIFACT_PATTERNS, maxFileBytes: 256 * 1024 * 1024, maxTotalBytes: 2 * 1024 ** 3, maxFiles: 50_000, maxSeries: 10_000 }

async function analyzeFolder(root: string, log: MemoryLogger): Promise<Analysis> {
  const collection = await collectArtifacts(root, COLLECT, log)
  return analyzeCollection(collection, { maxSeries: COLLECT.maxSeries }, log)
}

/** Compares a case's pr/ folder with its base/ folder, read as `baseline-path`. */
async function compareCase(name: string, overrides: Partial<GateSettings> = {}): Promise<Comparison> {
  const log = new MemoryLogger()
  const workspace = join(casesRoot, name, 'pr')
  const settings = gateSettings({ baselinePath: '../base', ...overrides })
  const baseline = await loadBaseline(settings, { workspace, eventName: 'pull_request', baseSha: null, defaultBranch: null }, COLLECT.patterns, log)
  assert.ok(baseline.root !== null, 'the base folder is missing')
  const head = await analyzeFolder(workspace, log)
  const base = await analyzeFolder(baseline.root, log)
  return compareAnalyses(head, base, baseline.source, settings, workspace, log, COLLECT.patterns)
}

function find(comparison: Comparison, seriesPattern: RegExp, kind: string): SeriesComparison {
  const found = comparison.entries.filter(entry => seriesPattern.test(entry.seriesKey) && entry.metric.kind === kind)
  assert.equal(found.length, 1, `entries: ${comparison.entries.map(entry => `${entry.seriesKey} ${entry.metric.name} ${entry.state}`).join('; ')}`)
  return found[0]
}

function assertNear(actual: number | null, expected: number, message: string): void {
  assert.notEqual(actual, null, `${message} is null`)
  assert.ok(Math.abs((actual as number) - expected) < 1e-9, `${message}: ${actual} is not ${expected}`)
}

describe('comparison cases', { skip }, () => {
  it('small n with one outlier', async () => {
    // p50 100 -> 101 (+1.0 %) is no regression; p95 over n = 5 is not gated.
    const comparison = await compareCase('B08')
    const entry = find(comparison, /cold/, 'latency')
    assert.equal(entry.state, 'unchanged')
    assert.equal(entry.headN, 5)
    assert.equal(entry.baseN, 5)
    assert.deepEqual(
      entry.changes.map(change => change.statistic),
      ['median']
    )
    assert.equal(entry.changes[0].base, 100)
    assert.equal(entry.changes[0].head, 101)
    assertNear(entry.changes[0].change, 0.01, 'change')
    assert.equal(comparison.failed, false)
  })

  it('small n p95 gate shows no p95', async () => {
    // p95 101.8 -> 420.4 ms (+313.0 %) over 5 samples a side is the slowest sample, so it is neither judged nor shown.
    const comparison = await compareCase('B08', { statistic: 'p95' })
    const entry = find(comparison, /cold/, 'latency')
    assert.equal(entry.state, 'inconclusive')
    assert.deepEqual(entry.changes, [])
    assert.ok(entry.notes.includes('p95 not judged: needs at least 20 samples on each side (head 5, base 5)'), entry.notes.join('\n'))
    assert.doesNotMatch(JSON.stringify(comparison), /420\.4|101\.8|313/)
    assert.equal(comparison.failed, false)
  })

  it('small n mean gate names outlier', async () => {
    // mean 100.0 -> 180.2 ms (+80.2 %), all from the one 500 ms sample.
    const comparison = await compareCase('B08', { statistic: 'mean' })
    const entry = find(comparison, /cold/, 'latency')
    assertNear(entry.changes[0].change, 0.802, 'mean change')
    assert.ok(
      entry.notes.some(note => note.startsWith('head max 500.0 ms is far above its median 101.0 ms; the mean is sensitive to it')),
      entry.notes.join('\n')
    )
    assert.equal(comparison.failed, false)
  })

  it('units differ between sides', async () => {
    // PR samples 1.015, 1.02, 1.025 s are 1015, 1020, 1025 ms: p50 980 -> 1020 ms (+4.08 %).
    const comparison = await compareCase('B10')
    const entry = find(comparison, /generate/, 'latency')
    assert.equal(entry.state, 'unchanged')
    assert.equal(entry.changes[0].base, 980)
    assert.equal(entry.changes[0].head, 1020)
    assertNear(entry.changes[0].change, 40 / 980, 'change')
    assert.ok(entry.notes.some(note => note.includes('source units differ')), entry.notes.join('\n'))
    assert.equal(comparison.failed, false)
  })

  it('direction of throughput and latency', async () => {
    // Throughput p50 50 -> 40 (-20.0 %) is a regression; latency 200 -> 180 ms (-10.0 %) an improvement.
    const comparison = await compareCase('B11')
    const throughput = find(comparison, /chat/, 'throughput')
    assert.equal(throughput.state, 'regression')
    assertNear(throughput.changes[0].change, -0.2, 'throughput change')
    assert.equal(throughput.gated, false)
    const latency = find(comparison, /chat/, 'latency')
    assert.equal(latency.state, 'improvement')
    assertNear(latency.changes[0].change, -0.1, 'latency change')
    assert.equal(comparison.failed, false)
  })

  it('throughput gating fails direction case', async () => {
    const comparison = await compareCase('B11', { gateMetrics: ['throughput'] })
    assert.equal(comparison.failed, true)
    assert.match(comparison.failureMessage ?? '', /^1 throughput regression: artifacts\/throughput\.json .*chat.* 50\.00 tokens\/s → 40\.00 tokens\/s \(-20\.0 %\)$/)
  })

  it('first run with empty base', async () => {
    // chat: n = 3, mean 120 ms; no baseline artifacts, so it is new and the job passes.
    const comparison = await compareCase('B12')
    const entry = find(comparison, /chat/, 'latency')
    assert.equal(entry.state, 'new')
    assert.equal(entry.headN, 3)
    assert.equal(comparison.failed, false)
    assert.doesNotMatch(JSON.stringify(comparison), /Infinity|NaN/)
  })

  it('empty baseline folder is no baseline', async () => {
    // The base folder holds only a placeholder file, so the comparison is skipped and says why.
    const comparison = await compareCase('B12')
    assert.equal(comparison.baseline.kind, 'none')
    assert.equal(comparison.baseline.reason, 'the baseline folder ../base has no files matching reports/**, csv_data/**, artifacts/**')
    assert.equal(comparison.counts.removed, 0)
  })

  it('thirty percent slower fails', async () => {
    // chat p50 200 -> 260 ms (+30.0 %) is a regression at 10 %.
    const comparison = await compareCase('B18')
    const entry = find(comparison, /chat/, 'latency')
    assert.equal(entry.state, 'regression')
    assertNear(entry.changes[0].change, 0.3, 'change')
    assert.equal(comparison.failed, true)
    assert.match(comparison.failureMessage ?? '', /^1 latency regression: reports\/latency\.csv .*chat.* median 200\.0 ms → 260\.0 ms \(\+30\.0 %\)$/)
  })

  it('twenty samples gate p95 too', async () => {
    // chat p50 275 -> 295 (+7.27 %), p95 360.5 -> 380.5; embed has no samples.
    const comparison = await compareCase('B21')
    const chat = find(comparison, /chat/, 'latency')
    assert.equal(chat.state, 'unchanged')
    assertNear(chat.changes[0].change, 20 / 275, 'median change')
    assert.equal(chat.changes[1].statistic, 'p95')
    assertNear(chat.changes[1].base, 360.5, 'base p95')
    assertNear(chat.changes[1].head, 380.5, 'head p95')
    assert.equal(comparison.failed, false)
    assert.doesNotMatch(JSON.stringify(comparison), /Infinity|NaN/)
  })

  it('one regression among many series', async () => {
    // Of 1400 series only variant-1337 changes: p50 100 -> 150 ms (+50.0 %).
    const comparison = await compareCase('B24')
    assert.equal(comparison.counts.regression, 1)
    assert.equal(comparison.counts.unchanged, 1399)
    const entry = find(comparison, /variant-1337/, 'latency')
    assertNear(entry.changes[0].change, 0.5, 'change')
    assert.match(comparison.failureMessage ?? '', /^1 latency regression: csv_data\/many_series\.csv .*variant-1337.* 100\.0 ms → 150\.0 ms \(\+50\.0 %\)$/)
  })
})
