/**
 * Regressions from a new user's run on real artifacts: numbers that overflow a double,
 * units and kinds of GPU and profiler fields, configuration columns across formats, and
 * latencies of exactly 0. Expected values are hand calculations.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { classifyColumn, type MetricColumn } from '../src/analyze/columns.js'
import { analyzeTables, type FileAnalysis } from '../src/analyze/index.js'
import { readCell } from '../src/analyze/numbers.js'
import { summarize } from '../src/analyze/statistics.js'
import type { SeriesMetric } from '../src/analyze/types.js'
import type { CellValue, ParsedTable } from '../src/collect/types.js'

function table(columns: string[], rows: CellValue[][], context: Record<string, string> = {}, location = ''): ParsedTable {
  return {
    path: 'unused',
    location,
    columns,
    units: columns.map(() => null),
    context,
    rows: (async function* () {
      for (let i = 0; i < rows.length; i++) yield { line: i + 2, cells: rows[i] }
    })()
  }
}

async function analyze(path: string, tables: ParsedTable[]): Promise<FileAnalysis> {
  return analyzeTables(path, tables, { maxSeries: 1000 })
}

function find(result: FileAnalysis, metric: string): SeriesMetric[] {
  return result.series.filter(entry => entry.metric.name === metric)
}

function only(result: FileAnalysis, metric: string): SeriesMetric {
  const found = find(result, metric)
  assert.equal(found.length, 1, `expected one series of ${metric}, found ${found.length}`)
  return found[0]
}

describe('numbers beyond a double', () => {
  for (const text of ['1e309', '-1e309', '1.5E+400', `1${'0'.repeat(400)}`, `${'9'.repeat(400)}.5`]) {
    it(`cell '${text.slice(0, 12)}' is non-finite`, () => {
      assert.equal(readCell(text, false).type, 'non-finite')
    })
  }

  it('csv 1e309 dropped and counted', async () => {
    // 100, 110, 120, 130 and one 1e309 -> n 4, mean 115, one value dropped.
    const result = await analyze('reports/latency.csv', [
      table(['series', 'latency_ms'], [['chat', '100'], ['chat', '110'], ['chat', '1e309'], ['chat', '120'], ['chat', '130']])
    ])
    const latency = only(result, 'latency_ms')
    assert.equal(latency.stats?.n, 4)
    assert.equal(latency.stats?.mean, 115)
    assert.equal(latency.droppedNonFinite, 1)
    assert.ok(latency.flags.some(flag => flag.code === 'non-finite-dropped'))
  })

  it('markdown cell with unit overflowing', async () => {
    // '1e309 ms' is as infinite as '1e309'; 200 and 300 stay -> mean 250.
    const result = await analyze('reports/summary.md', [table(['Model', 'Latency (ms)'], [['a', '200 ms'], ['a', '1e309 ms'], ['a', '300 ms']])])
    const latency = only(result, 'Latency (ms)')
    assert.equal(latency.stats?.n, 2)
    assert.equal(latency.stats?.mean, 250)
    assert.equal(latency.droppedNonFinite, 1)
  })

  it('conversion overflowing to ms', async () => {
    // 1e306 s is 1e309 ms, beyond a double; 2 s is 2000 ms.
    const result = await analyze('reports/latency.csv', [table(['series', 'ttft_s'], [['chat', '2'], ['chat', '1e306']])])
    const ttft = only(result, 'ttft_s')
    assert.equal(ttft.stats?.n, 1)
    assert.equal(ttft.stats?.mean, 2000)
    assert.equal(ttft.droppedNonFinite, 1)
  })

  it('mean of values near the maximum', () => {
    // (1e308 + 1.5e308) / 2 = 1.25e308, although the sum overflows.
    const stats = summarize([1e308, 1.5e308])
    assert.ok(stats !== null && Math.abs(stats.mean - 1.25e308) <= 1.25e308 * 1e-12, `mean ${stats?.mean}`)
    assert.ok(stats !== null && Number.isFinite(stats.stddev), `stddev ${stats?.stddev}`)
  })
})

describe('kinds and units of device fields', () => {
  function metric(name: string): MetricColumn {
    const column = classifyColumn(name, null)
    assert.equal(column.role, 'metric', `${name} is ${column.role}`)
    return column as MetricColumn
  }

  it('tokens per GB is a ratio', () => {
    const column = metric('Tokens per GB')
    assert.equal(column.kind, 'ratio')
    assert.equal(column.unitText, 'tokens/GB')
  })

  it('tokens_per_watt is a ratio', () => {
    assert.equal(metric('tokens_per_watt').unitText, 'tokens/W')
  })

  it('samples_per_run stays a count', () => {
    assert.equal(metric('samples_per_run').kind, 'count')
  })

  it('clock_memory is a neutral frequency', () => {
    assert.equal(metric('clock_memory').kind, 'other')
  })

  it('clock in MHz keeps its unit', () => {
    assert.equal(metric('clock_memory_mhz').unitText, 'MHz')
  })

  for (const name of ['pid', 'Stream', 'index', 'id', 'gpu_id', 'Process ID']) {
    it(`${name} is a row label`, () => {
      assert.equal(classifyColumn(name, null).role, 'row-label')
    })
  }

  for (const name of ['pstate', 'fan_speed', 'CC', 'device__attribute_clock_rate', 'device__attribute_max_warps_per_scheduler', 'nvlink__bandwidth', 'profiler__replayer_passes']) {
    it(`${name} is no metric`, () => {
      assert.equal(classifyColumn(name, null).role, 'ignored')
    })
  }

  for (const name of ['confidence_interval_95', 'ci95', 'latency_ci_lower_ms']) {
    it(`${name} is an interval`, () => {
      assert.equal(classifyColumn(name, null).role, 'interval')
    })
  }

  it('percentile under latency parent', () => {
    const column = metric('timing_stats.latency_percentiles.p95')
    assert.equal(column.kind, 'latency')
    assert.equal(column.aggregate, 'p95')
  })

  it('percentile under parent with unit', () => {
    const column = metric('latency_ms.p99')
    assert.equal(column.kind, 'latency')
    assert.equal(column.unit?.factor, 1)
  })

  it('percentile under neutral parent', () => {
    assert.equal(metric('gpu_power.p50').kind, 'other')
  })
})

describe('latency statistics in nested JSON', () => {
  const columns = ['test_name', 'timing_stats.overall_mean_ms', 'timing_stats.latency_percentiles.p50', 'timing_stats.latency_percentiles.p95']

  it('unit from ms siblings', async () => {
    const result = await analyze('csv_data/baselines/demo.json', [table(columns, [['demo', 0.0728, 0.0727, 0.0735]])])
    const p95 = only(result, 'timing_stats.latency_percentiles.p95')
    assert.equal(p95.metric.kind, 'latency')
    assert.equal(p95.metric.unit, 'ms')
    assert.equal(p95.metric.direction, 'lower-is-better')
    assert.equal(p95.stats?.mean, 0.0735)
  })

  it('no sibling unit is unknown', async () => {
    const result = await analyze('csv_data/baselines/demo.json', [
      table(['test_name', 'timing_stats.latency_percentiles.p95'], [['demo', 0.0735]])
    ])
    const p95 = only(result, 'timing_stats.latency_percentiles.p95')
    assert.equal(p95.stats, null)
    assert.ok(p95.flags.some(flag => flag.code === 'unknown-unit'))
  })

  it('sibling units disagreeing are unknown', async () => {
    const result = await analyze('csv_data/baselines/demo.json', [
      table(['test_name', 'timing.mean_ms', 'timing.max_s', 'timing.latency.p95'], [['demo', 73, 0.08, 0.0735]])
    ])
    assert.ok(only(result, 'timing.latency.p95').flags.some(flag => flag.code === 'unknown-unit'))
  })

  it('interval bounds are no samples', async () => {
    const result = await analyze('csv_data/baselines/demo.json', [
      table(['confidence_interval_95'], [[0.0718], [0.0737]], { test_name: 'demo' }, 'confidence_interval_95')
    ])
    assert.equal(result.series.length, 0)
    assert.ok(result.notes.some(note => note.includes('bounds of an interval')))
  })
})

describe('configuration columns across formats', () => {
  it('markdown Context and GPU Layers key', async () => {
    // Three configurations in one table: each is its own series, never pooled.
    const result = await analyze('reports/sweep.md', [
      table(['Context', 'GPU Layers', 'Throughput (tok/s)'], [['1024', '60', '187.2'], ['4096', '80', '250.1'], ['2048', '999', '303.9']])
    ])
    assert.deepEqual(find(result, 'Context'), [])
    assert.deepEqual(find(result, 'GPU Layers'), [])
    assert.deepEqual(
      find(result, 'Throughput (tok/s)').map(entry => entry.seriesKey),
      ['Context=1024, GPU Layers=60', 'Context=4096, GPU Layers=80', 'Context=2048, GPU Layers=999']
    )
  })

  it('csv num_ctx and num_gpu key', async () => {
    const result = await analyze('csv_data/sweep.csv', [
      table(['num_ctx', 'num_gpu', 'tokens_s'], [['1024', '60', '187.2'], ['4096', '80', '250.1']])
    ])
    assert.deepEqual(
      find(result, 'tokens_s').map(entry => entry.seriesKey),
      ['num_ctx=1024, num_gpu=60', 'num_ctx=4096, num_gpu=80']
    )
  })

  for (const name of ['Context Length', 'context_window', 'Batch Size', 'Threads', 'Quantization', 'n_gpu_layers']) {
    it(`${name} is a key`, () => {
      assert.equal(classifyColumn(name, null).role, 'key')
    })
  }

  it('Context of words is a workload', async () => {
    // A different scenario on every row is one prompt suite: 3000, 3200, 2800 -> n 3, mean 3000.
    const result = await analyze('csv_data/summary.csv', [
      table(['Context', 'Generation Time (ms)'], [['player_died', '3000'], ['boss_defeated', '3200'], ['level_up', '2800']])
    ])
    const latency = only(result, 'Generation Time (ms)')
    assert.equal(latency.stats?.n, 3)
    assert.equal(latency.stats?.mean, 3000)
  })
})

describe('latency of exactly zero', () => {
  const columns = ['backend', 'compilation', 'benchmark.mean_time_ms', 'benchmark.metadata.compile_time_s', 'compilation.backend', 'compilation.compile_time_s']
  const rows: CellValue[][] = [
    ['eager', null, 3.81, 0, null, null],
    ['jit', null, 3.78, 0.0988, 'torchscript', 0.0988]
  ]

  it('compile time without compilation', async () => {
    const result = await analyze('reports/compilation/conv.json', [table(columns, rows, {}, 'backends')])
    const eager = find(result, 'benchmark.metadata.compile_time_s').find(entry => entry.seriesKey === 'backend=eager')
    assert.equal(eager?.stats, null)
    assert.ok(eager?.flags.some(flag => flag.code === 'not-applicable'))
  })

  it('compile time with compilation', async () => {
    // 0.0988 s = 98.8 ms.
    const result = await analyze('reports/compilation/conv.json', [table(columns, rows, {}, 'backends')])
    const jit = find(result, 'benchmark.metadata.compile_time_s').find(entry => entry.seriesKey === 'backend=jit')
    assert.ok(jit?.stats !== null && jit?.stats !== undefined && Math.abs(jit.stats.mean - 98.8) < 1e-9)
    assert.ok(!jit.flags.some(flag => flag.code === 'not-applicable' || flag.code === 'zero-latency'))
  })

  it('zero aggregate kept and flagged', async () => {
    const result = await analyze('reports/latency.csv', [table(['series', 'mean_time_ms'], [['chat', '0']])])
    const mean = only(result, 'mean_time_ms')
    assert.equal(mean.stats?.n, 1)
    assert.equal(mean.stats?.mean, 0)
    const flag = mean.flags.find(entry => entry.code === 'zero-latency')
    assert.ok(flag?.message.includes('line 2'), flag?.message)
  })

  it('zero spread not flagged', async () => {
    const result = await analyze('reports/latency.csv', [table(['series', 'std_time_ms'], [['chat', '0']])])
    assert.ok(!only(result, 'std_time_ms').flags.some(flag => flag.code === 'zero-latency'))
  })
})
