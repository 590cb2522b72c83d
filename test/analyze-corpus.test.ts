/**
 * The collect and analyze stages on the real benchmark corpus: failed runs are
 * reported and left out, and the statistics of a known series match numpy's.
 */
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { before, describe, it } from 'node:test'
import { analyzeCollection } from '../src/analyze/index.js'
import type { Analysis, SeriesMetric } from '../src/analyze/types.js'
import { collectArtifacts } from '../src/collect/index.js'
import type { Collection } from '../src/collect/types.js'
import { MemoryLogger } from '../src/logger.js'
import { DEFAULT_ARTIFACT_PATTERNS } from '../src/settings/index.js'

const repoRoot = resolve(import.meta.dirname, '..')
const corpusRoot = resolve(repoRoot, '../shared/corpus/chimera')
const corpusMissing = existsSync(corpusRoot) ? false : `the benchmark corpus is absent at ${corpusRoot}`

const FAILED_RUN = 'reports/ollama/20251008-122701/gemma3_benchmark_runs.csv'
const BASELINE = 'reports/gemma3/gemma3_baseline.csv'

function assertRelative(actual: number | null | undefined, expected: number): void {
  assert.equal(typeof actual, 'number', `expected ${expected}, got ${actual}`)
  assert.ok(Math.abs((actual as number) - expected) <= Math.abs(expected) * 1e-6, `expected ${expected}, got ${actual}`)
}

describe('analysis of the benchmark corpus', { skip: corpusMissing }, () => {
  let collection: Collection
  let analysis: Analysis

  before(async () => {
    const settings = { patterns: DEFAULT_ARTIFACT_PATTERNS, maxFileBytes: 256 * 1024 * 1024, maxTotalBytes: 2 * 1024 ** 3, maxFiles: 50_000, maxSeries: 10_000 }
    collection = await collectArtifacts(corpusRoot, settings, new MemoryLogger())
    analysis = await analyzeCollection(collection, { maxSeries: settings.maxSeries }, new MemoryLogger())
  })

  function seriesOf(path: string): SeriesMetric[] {
    return analysis.series.filter(entry => entry.path === path)
  }

  it('failed run has no statistics', () => {
    const series = seriesOf(FAILED_RUN)
    assert.ok(series.length >= 5, `only ${series.length} series in ${FAILED_RUN}`)
    for (const entry of series) {
      assert.equal(entry.stats, null, `${entry.metric.name} has statistics`)
      assert.equal(entry.failedRuns, 5, `${entry.metric.name} counts ${entry.failedRuns} failed runs`)
    }
  })

  it('failed run is five of five', () => {
    const failures = analysis.failures.filter(entry => entry.path === FAILED_RUN)
    assert.equal(failures.length, 1)
    assert.equal(failures[0].failed, 5)
    assert.equal(failures[0].total, 5)
    assert.match(failures[0].topError, /^\[WinError 10049\]/)
    assert.equal(failures[0].seriesKey, 'model=gemma3:latest')
  })

  it('failed run keeps its benchmark and stamp', () => {
    const ttft = seriesOf(FAILED_RUN).find(entry => entry.metric.name === 'ttft_s')
    assert.equal(ttft?.benchmark, 'reports/ollama/{run}/gemma3_benchmark_runs.csv')
    assert.equal(ttft?.runStamp, '2025-10-08T16:27:01.263Z')
  })

  it('summary with no completed run has no data', () => {
    const ttft = seriesOf('reports/ollama/20251008-122701/gemma3_benchmark_summary.json').find(entry => entry.metric.name === 'mean_ttft_s')
    assert.ok(ttft, 'mean_ttft_s of the summary is missing')
    assert.equal(ttft.stats, null)
    assert.equal(ttft.metric.aggregate, 'mean')
  })

  const failedBackEnds: [string, string][] = [
    ['reports/compilation/conv_cuda_bench_20251002-172037.json', 'torch_compile'],
    ['reports/compilation/transformer_cuda_pytorch2508.json', 'tensorrt']
  ]
  for (const [path, backend] of failedBackEnds) {
    it(`${backend} back end failed, not 0 ms`, () => {
      const latency = seriesOf(path).filter(entry => entry.seriesKey.includes(backend) && entry.metric.kind === 'latency')
      assert.ok(latency.length > 0, `no latency series of ${backend} in ${path}`)
      for (const entry of latency) assert.equal(entry.stats, null, `${entry.metric.name} of ${backend} has statistics`)
      assert.ok(analysis.failures.some(entry => entry.path === path && entry.seriesKey.includes(backend)))
    })
  }

  it('working back end keeps its mean', () => {
    const mean = seriesOf('reports/compilation/conv_cuda_bench_20251002-172037.json').find(
      entry => entry.seriesKey === 'backend=eager' && entry.metric.name.endsWith('mean_time_ms')
    )
    // benchmark.mean_time_ms of the eager back end in the file.
    assertRelative(mean?.stats?.mean, 0.15366000006906688)
    assert.ok(mean?.flags.some(flag => flag.code === 'pre-aggregated'))
  })

  it('gemma3 baseline ttft statistics', () => {
    const ttft = seriesOf(BASELINE).find(entry => entry.metric.name === 'ttft_s')
    assert.ok(ttft, 'ttft_s of the gemma3 baseline is missing')
    assert.equal(ttft.metric.unit, 'ms')
    assert.equal(ttft.stats?.n, 5)
    assertRelative(ttft.stats?.mean, 566.692)
    // The middle of the five sorted samples, 0.1294317 s; 129.432 is that value rounded
    // to six digits, 2.3e-6 away, so the exact sample is compared.
    assertRelative(ttft.stats?.p50, 129.4317)
    assertRelative(ttft.stats?.p95, 1886.84)
  })

  it('gemma3 baseline first prompt is a cold start', () => {
    const ttft = seriesOf(BASELINE).find(entry => entry.metric.name === 'ttft_s')
    assert.equal(ttft?.coldStartIndex, 0)
  })

  it('every found file is parsed or skipped', () => {
    const inventory = analysis.inventory
    assert.equal(inventory.parsedFiles + inventory.skipped.length, collection.files.length + collection.skipped.length)
    assert.equal(inventory.totalFiles, collection.files.length + collection.skipped.length)
  })

  it('results do not depend on concurrency', async () => {
    const serial = await analyzeCollection(collection, { maxSeries: 10_000, concurrency: 1 }, new MemoryLogger())
    assert.deepEqual(serial, analysis)
  })
})
