/**
 * The bundled action on the real benchmark corpus, started as a runner starts it,
 * inside a temporary git repository.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { corpusMissing, corpusRoot, createTempRepository, runAction, type ActionResult, type TempRepository } from './support/action-runner.js'

const skip = corpusMissing()

describe('action on the benchmark corpus', { skip }, () => {
  let repository: TempRepository
  let result: ActionResult

  before(async () => {
    repository = createTempRepository({ from: corpusRoot })
    repository.commitAll('Add benchmark results', '2025-10-09T12:00:00Z')
    result = await runAction({
      workspace: repository.path,
      eventName: 'push',
      inputs: { narrative: 'off', comment: 'never' }
    })
  })

  after(() => repository?.remove())

  it('exits without failing', () => {
    assert.equal(result.exitCode, 0, `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`)
  })

  it('summary counts the files by type', () => {
    assert.match(result.summary, /\b101\b/)
    assert.match(result.summary, /csv[^\n]*\b28\b/i)
    assert.match(result.summary, /json[^\n]*\b44\b/i)
    assert.match(result.summary, /(md|markdown)[^\n]*\b29\b/i)
  })

  it('summary reports the failed gemma3 run', () => {
    assert.match(result.summary, /20251008-122701/)
    assert.match(result.summary, /5 of 5 runs failed/)
    assert.match(result.summary, /WinError 10049/)
  })

  it('summary names the percentile method', () => {
    assert.match(result.summary, /linear interpolation/i)
  })

  it('report and metrics files are written', () => {
    assert.match(result.outputs['report-path'], /report\.md$/)
    assert.match(result.outputs['metrics-path'], /metrics\.json$/)
    assert.ok(result.reportFile.length > 0, `report-path output: ${result.outputs['report-path']}`)
    assert.ok(result.metricsFile.length > 0, `metrics-path output: ${result.outputs['metrics-path']}`)
  })

  it('outputs say there is no regression', () => {
    assert.equal(result.outputs.regression, 'false')
    assert.equal(result.outputs.regressions, '0')
    assert.equal(result.outputs['narrative-status'], 'off')
  })

  it('metrics hold the gemma3 baseline ttft statistics', () => {
    const metrics = JSON.parse(result.metricsFile) as { series: MetricsSeries[] }
    const ttft = metrics.series.find(entry => entry.path === 'reports/gemma3/gemma3_baseline.csv' && entry.metric.name === 'ttft_s')
    assert.ok(ttft, 'ttft_s of reports/gemma3/gemma3_baseline.csv is missing from the metrics JSON')
    assert.equal(ttft.metric.unit, 'ms')
    assert.equal(ttft.stats?.n, 5)
    assertClose(ttft.stats?.mean, 566.692)
    // The middle of the five samples, 0.1294317 s.
    assertClose(ttft.stats?.p50, 129.4317)
    assertClose(ttft.stats?.p95, 1886.84)
  })

  it('failed compilation back ends have no 0 ms latency', () => {
    const metrics = JSON.parse(result.metricsFile) as { series: MetricsSeries[] }
    const compiled = metrics.series.filter(
      entry => entry.path === 'reports/compilation/conv_cuda_bench_20251002-172037.json' && entry.seriesKey.includes('torch_compile') && entry.metric.kind === 'latency'
    )
    assert.ok(compiled.length > 0, 'torch_compile of conv_cuda_bench is missing from the metrics JSON')
    for (const entry of compiled) assert.equal(entry.stats, null, `${entry.metric.name} of ${entry.seriesKey} has statistics`)
  })
})

interface MetricsSeries {
  path: string
  seriesKey: string
  metric: { name: string; unit: string; kind: string }
  stats: { n: number; mean: number; p50: number; p95: number } | null
}

function assertClose(actual: number | undefined, expected: number): void {
  assert.ok(actual !== undefined && Math.abs(actual - expected) <= Math.abs(expected) * 1e-6, `expected ${expected}, got ${actual}`)
}
