/**
 * Column recognition of the analyze stage: metric kind, direction-deciding kind, unit
 * and aggregate from names and units, and the roles of non-metric columns.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { classifyColumn, type ColumnClass, type MetricColumn } from '../src/analyze/columns.js'
import { readCell } from '../src/analyze/numbers.js'
import { identifyBenchmark, parseTimestamp } from '../src/analyze/runs.js'
import { resolveUnit } from '../src/analyze/units.js'

function metricOf(columnClass: ColumnClass): MetricColumn {
  assert.equal(columnClass.role, 'metric')
  return columnClass as MetricColumn
}

describe('metric recognition', () => {
  const cases: { name: string; unit?: string; kind: string; display: string | null; aggregate?: string }[] = [
    { name: 'ttft_s', kind: 'latency', display: 'ms' },
    { name: 'latency_ms', kind: 'latency', display: 'ms' },
    { name: 'eval_s', kind: 'latency', display: 'ms' },
    { name: 'load_s', kind: 'latency', display: 'ms' },
    { name: 'prompt_eval_s', kind: 'latency', display: 'ms' },
    { name: 'mean_time_ms', kind: 'latency', display: 'ms', aggregate: 'mean' },
    { name: 'p95_ms', kind: 'latency', display: 'ms', aggregate: 'p95' },
    { name: 'Generation Time (ms)', kind: 'latency', display: 'ms' },
    { name: 'duration_ns', kind: 'latency', display: 'ms' },
    { name: 'overall_mean_ms', kind: 'latency', display: 'ms', aggregate: 'mean' },
    { name: 'benchmark.mean_time_ms', kind: 'latency', display: 'ms', aggregate: 'mean' },
    { name: 'eval_s_mean', kind: 'latency', display: 'ms', aggregate: 'mean' },
    { name: 'std_time_ms', kind: 'latency', display: 'ms', aggregate: 'std' },
    { name: 'min_time_ms', kind: 'latency', display: 'ms', aggregate: 'min' },
    { name: 'latency', unit: 'ms', kind: 'latency', display: 'ms' },
    { name: 'latency', unit: 's', kind: 'latency', display: 'ms' },
    { name: 'tokens_s', kind: 'throughput', display: 'tokens/s' },
    { name: 'tokens_per_second', kind: 'throughput', display: 'tokens/s' },
    { name: 'Tokens per Second', kind: 'throughput', display: 'tokens/s' },
    { name: 'tok/s', kind: 'throughput', display: 'tokens/s' },
    { name: 'Throughput (tok/s)', kind: 'throughput', display: 'tokens/s' },
    { name: 'rps', kind: 'throughput', display: 'req/s' },
    { name: 'throughput', unit: 'tokens/s', kind: 'throughput', display: 'tokens/s' },
    { name: 'throughput', unit: 'req/s', kind: 'throughput', display: 'req/s' },
    { name: 'throughput', unit: 'ops/s', kind: 'throughput', display: 'ops/s' },
    { name: 'mean_tokens_s', kind: 'throughput', display: 'tokens/s', aggregate: 'mean' },
    { name: 'eval_count', kind: 'count', display: null },
    { name: 'prompt_eval_count', kind: 'count', display: null },
    { name: 'response_chars', kind: 'count', display: null },
    { name: 'total_tokens', kind: 'count', display: null },
    { name: 'samples', kind: 'count', display: null },
    { name: 'runs', kind: 'count', display: null },
    { name: 'model_size_bytes', kind: 'size', display: 'bytes' },
    { name: 'memory_used_gb', kind: 'size', display: 'GB' },
    { name: 'cpu_percent', kind: 'ratio', display: '%' },
    { name: 'samples', unit: 'ms', kind: 'latency', display: 'ms' }
  ]
  for (const { name, unit, kind, display, aggregate } of cases) {
    it(`${name}${unit === undefined ? '' : ` in ${unit}`} is ${kind}`, () => {
      const metric = metricOf(classifyColumn(name, unit ?? null))
      assert.equal(metric.kind, kind)
      assert.equal(metric.unit?.display ?? null, display)
      assert.equal(metric.aggregate, aggregate ?? null)
    })
  }

  it('unknown unit is kept, not resolved', () => {
    const metric = metricOf(classifyColumn('latency', 'ticks'))
    assert.equal(metric.kind, 'latency')
    assert.equal(metric.unit, null)
    assert.equal(metric.unitText, 'ticks')
  })

  it('unknown name is other and unrecognised', () => {
    const metric = metricOf(classifyColumn('widgets', null))
    assert.equal(metric.kind, 'other')
    assert.equal(metric.recognised, false)
  })
})

describe('column roles', () => {
  const cases: { name: string; role: string }[] = [
    { name: 'model', role: 'key' },
    { name: 'tag', role: 'key' },
    { name: 'config_name', role: 'key' },
    { name: 'backend', role: 'key' },
    { name: 'num_gpu', role: 'key' },
    { name: 'num_ctx', role: 'key' },
    { name: 'temperature', role: 'key' },
    { name: 'top_p', role: 'key' },
    { name: 'quantization', role: 'key' },
    { name: 'series', role: 'key' },
    { name: 'device', role: 'key' },
    { name: 'batch_size', role: 'key' },
    { name: 'model.batch_size', role: 'key' },
    { name: 'prompt', role: 'workload' },
    { name: 'prompt_text', role: 'workload' },
    { name: 'Test Name', role: 'workload' },
    { name: 'prompt_index', role: 'row-label' },
    { name: 'id', role: 'row-label' },
    { name: 'run', role: 'row-label' },
    { name: 'timestamp', role: 'timestamp' },
    { name: 'generated_at', role: 'timestamp' },
    { name: 'date', role: 'timestamp' },
    { name: 'time', role: 'timestamp' },
    { name: 'create_time', role: 'timestamp' },
    { name: 'error', role: 'error' },
    { name: 'compilation.error', role: 'error' },
    { name: 'errors', role: 'error' },
    { name: 'exception', role: 'error' },
    { name: 'status', role: 'status' },
    { name: 'success', role: 'success' },
    { name: 'compilation.success', role: 'success' },
    { name: 'commit', role: 'ignored' },
    { name: 'options', role: 'ignored' },
    { name: 'TTFT Δ', role: 'ignored' }
  ]
  for (const { name, role } of cases) {
    it(`${name} is ${role}`, () => {
      assert.equal(classifyColumn(name, null).role, role)
    })
  }
})

describe('units', () => {
  const cases: { unit: string; kind: string; display: string; factor: number }[] = [
    { unit: 'ns', kind: 'time', display: 'ms', factor: 1e-6 },
    { unit: 'µs', kind: 'time', display: 'ms', factor: 1e-3 },
    { unit: 'us', kind: 'time', display: 'ms', factor: 1e-3 },
    { unit: 'ms', kind: 'time', display: 'ms', factor: 1 },
    { unit: 's', kind: 'time', display: 'ms', factor: 1000 },
    { unit: 'min', kind: 'time', display: 'ms', factor: 60_000 },
    { unit: 'tokens/s', kind: 'rate', display: 'tokens/s', factor: 1 },
    { unit: 'tok/s', kind: 'rate', display: 'tokens/s', factor: 1 },
    { unit: 'req/s', kind: 'rate', display: 'req/s', factor: 1 },
    { unit: 'tokens/ms', kind: 'rate', display: 'tokens/s', factor: 1000 },
    { unit: '%', kind: 'percent', display: '%', factor: 1 }
  ]
  for (const { unit, kind, display, factor } of cases) {
    it(`${unit} resolves`, () => {
      const resolved = resolveUnit(unit)
      assert.equal(resolved?.kind, kind)
      assert.equal(resolved?.display, display)
      assert.equal(resolved?.factor, factor)
    })
  }

  it('ticks is unknown', () => {
    assert.equal(resolveUnit('ticks'), null)
  })
})

describe('number cells', () => {
  it('commit-like text in an unknown column stays text', () => {
    assert.equal(readCell('1234e56', true).type, 'invalid')
  })

  it('leading zeros in an unknown column stay text', () => {
    assert.equal(readCell('0000123', true).type, 'invalid')
  })

  it('Python exponent is a number', () => {
    const reading = readCell('1e-05', true)
    assert.equal(reading.type, 'number')
    assert.equal(reading.type === 'number' ? reading.value : null, 1e-5)
  })

  it('decimal comma proves comma', () => {
    const reading = readCell('1,5', false)
    assert.equal(reading.type === 'number' ? reading.value : null, 1.5)
    assert.equal(reading.type === 'number' ? reading.evidence : null, 'comma')
  })

  it('grouped with comma fraction', () => {
    const reading = readCell('1.234,5', false)
    assert.equal(reading.type === 'number' ? reading.value : null, 1234.5)
  })

  it('grouped with point fraction', () => {
    const reading = readCell('1,234.5', false)
    assert.equal(reading.type === 'number' ? reading.value : null, 1234.5)
  })

  it('Indian digit grouping', () => {
    const reading = readCell('22,80,000', false)
    assert.equal(reading.type === 'number' ? reading.value : null, 2_280_000)
  })

  it('1,234 reads either way', () => {
    const reading = readCell('1,234', false)
    assert.equal(reading.type === 'number' ? reading.evidence : 'x', null)
    assert.equal(reading.type === 'number' ? reading.commaValue : null, 1.234)
  })

  it('value with unit', () => {
    const reading = readCell('**354.41 ms** ✅', false)
    assert.equal(reading.type === 'number' ? reading.value : null, 354.41)
    assert.equal(reading.type === 'number' ? reading.unit : null, 'ms')
  })

  it('NaN text is non-finite', () => {
    assert.equal(readCell('NaN', false).type, 'non-finite')
  })

  it('JSON null is missing', () => {
    assert.equal(readCell(null, false).type, 'missing')
  })
})

describe('benchmark identity', () => {
  it('timestamped folder', () => {
    const identity = identifyBenchmark('reports/ollama/20251008-122701/gemma3_benchmark_runs.csv')
    assert.equal(identity.benchmark, 'reports/ollama/{run}/gemma3_benchmark_runs.csv')
    assert.equal(new Date(identity.stamp?.epochMs ?? 0).toISOString(), '2025-10-08T12:27:01.000Z')
    assert.equal(identity.stamp?.hasOffset, false)
  })

  it('underscore stamp in file name', () => {
    assert.equal(identifyBenchmark('csv_data/chimera_metrics_20250930_133204.json').benchmark, 'csv_data/chimera_metrics_{run}.json')
  })

  it('unix seconds in file name', () => {
    const identity = identifyBenchmark('csv_data/baseline_test_results_1759099000.json')
    assert.equal(identity.benchmark, 'csv_data/baseline_test_results_{run}.json')
    assert.equal(new Date(identity.stamp?.epochMs ?? 0).toISOString(), '2025-09-28T22:36:40.000Z')
  })

  it('ISO date in file name', () => {
    assert.equal(identifyBenchmark('reports/bench-2025-10-02.csv').benchmark, 'reports/bench-{run}.csv')
  })

  it('version-like digits are no stamp', () => {
    assert.equal(identifyBenchmark('reports/compilation/transformer_cuda_pytorch2508.json').stamp, null)
  })

  it('invalid date is no stamp', () => {
    assert.equal(identifyBenchmark('reports/20251399/run.csv').stamp, null)
  })
})

describe('timestamps', () => {
  it('ISO with offset', () => {
    const time = parseTimestamp('2025-10-08T16:27:01.263350+00:00')
    assert.equal(new Date(time?.epochMs ?? 0).toISOString(), '2025-10-08T16:27:01.263Z')
    assert.equal(time?.hasOffset, true)
  })

  it('ISO with negative offset', () => {
    assert.equal(new Date(parseTimestamp('2025-10-08T12:27:01-04:00')?.epochMs ?? 0).toISOString(), '2025-10-08T16:27:01.000Z')
  })

  it('ISO without offset is UTC', () => {
    const time = parseTimestamp('2025-09-30T20:11:33')
    assert.equal(new Date(time?.epochMs ?? 0).toISOString(), '2025-09-30T20:11:33.000Z')
    assert.equal(time?.hasOffset, false)
  })

  it('unix seconds number', () => {
    assert.equal(new Date(parseTimestamp(1759181417)?.epochMs ?? 0).toISOString(), '2025-09-29T21:30:17.000Z')
  })

  it('free text is no timestamp', () => {
    assert.equal(parseTimestamp('yesterday'), null)
  })
})
