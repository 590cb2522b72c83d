/**
 * The analyze stage on parsed tables built by hand, shaped like the artifacts that
 * break benchmark tools. Expected values are hand calculations (numpy's linear
 * percentiles) or the values the cases' expected.md files give.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { analyzeTables, type FileAnalysis } from '../src/analyze/index.js'
import type { SeriesMetric } from '../src/analyze/types.js'
import type { CellValue, ParsedTable } from '../src/collect/types.js'

interface TableShape {
  columns: string[]
  rows: CellValue[][]
  units?: (string | null)[]
  context?: Record<string, string>
  location?: string
  /** Line of the first row; a CSV's first data row is on line 2. */
  firstLine?: number
}

function table(shape: TableShape): ParsedTable {
  const firstLine = shape.firstLine ?? 2
  return {
    path: 'unused',
    location: shape.location ?? '',
    columns: shape.columns,
    units: shape.units ?? shape.columns.map(() => null),
    context: shape.context ?? {},
    rows: (async function* () {
      for (let i = 0; i < shape.rows.length; i++) yield { line: firstLine + i, cells: shape.rows[i] }
    })()
  }
}

async function analyze(path: string, shapes: TableShape[], maxSeries = 10_000, sampleLimit?: number): Promise<FileAnalysis> {
  return analyzeTables(path, shapes.map(table), { maxSeries, sampleLimit })
}

function find(result: FileAnalysis, metric: string, seriesKey?: string): SeriesMetric {
  const found = result.series.filter(entry => entry.metric.name === metric && (seriesKey === undefined || entry.seriesKey === seriesKey))
  assert.equal(found.length, 1, `expected one series of ${metric} ${seriesKey ?? ''}, found ${found.map(entry => entry.seriesKey).join(' | ')}`)
  return found[0]
}

function assertClose(actual: number | null | undefined, expected: number, tolerance = 1e-9): void {
  assert.ok(
    actual !== null && actual !== undefined && Math.abs(actual - expected) <= Math.abs(expected) * tolerance + 1e-12,
    `expected ${expected}, got ${actual}`
  )
}

describe('small case tables', () => {
  it('csv with BOM header', async () => {
    // series chat: 100, 110, 120 -> n 3, mean 110, p50 110, p95 119.
    const result = await analyze('reports/latency_bom.csv', [{ columns: ['series', 'latency_ms'], rows: [['chat', '100'], ['chat', '110'], ['chat', '120']] }])
    const latency = find(result, 'latency_ms')
    assert.equal(latency.seriesKey, 'series=chat')
    assert.equal(latency.stats?.n, 3)
    assertClose(latency.stats?.mean, 110)
    assertClose(latency.stats?.p50, 110)
    assertClose(latency.stats?.p95, 119)
  })

  it('trailing delimiter header', async () => {
    // gen: 200, 250, 300 -> mean 250, p50 250, p95 295.
    const result = await analyze('csv_data/trailing_delim.csv', [
      { columns: ['series', 'latency_ms', 'output_tokens'], rows: [['gen', '200', '50'], ['gen', '250', '50'], ['gen', '300', '60']] }
    ])
    const latency = find(result, 'latency_ms')
    assert.equal(latency.stats?.n, 3)
    assertClose(latency.stats?.mean, 250)
    assertClose(latency.stats?.p50, 250)
    assertClose(latency.stats?.p95, 295)
    assert.equal(find(result, 'output_tokens').metric.kind, 'count')
  })

  it('quoted line break in a note', async () => {
    // chat: 100, 120, 140 -> mean 120, p50 120, p95 138; the note is text, not a series.
    const result = await analyze('reports/with_notes.csv', [
      {
        columns: ['series', 'latency_ms', 'note'],
        rows: [['chat', '100', 'warm cache'], ['chat', '120', 'cold start\nafter deploy'], ['chat', '140', 'ok']]
      }
    ])
    assert.deepEqual(
      result.series.map(entry => `${entry.seriesKey} ${entry.metric.name}`),
      ['series=chat latency_ms']
    )
    const latency = find(result, 'latency_ms')
    assertClose(latency.stats?.mean, 120)
    assertClose(latency.stats?.p95, 138)
  })

  it('Python NaN and Infinity samples', async () => {
    // 120.5, NaN, 130.1, Infinity -> n 2, mean 125.3, p50 125.3, 2 dropped.
    const result = await analyze('artifacts/python_run.json', [
      { columns: ['latency'], units: ['ms'], context: { series: 'generate' }, rows: [[120.5], [Number.NaN], [130.1], [Number.POSITIVE_INFINITY]], firstLine: 1 }
    ])
    const latency = find(result, 'latency')
    assert.equal(latency.seriesKey, 'series=generate')
    assert.equal(latency.stats?.n, 2)
    assertClose(latency.stats?.mean, 125.3)
    assertClose(latency.stats?.p50, 125.3)
    assert.equal(latency.droppedNonFinite, 2)
    assert.ok(latency.flags.some(flag => flag.code === 'non-finite-dropped'))
  })

  it('percentiles of a shuffled ramp', async () => {
    const ramp = [7, 3, 20, 1, 15, 9, 12, 4, 18, 6, 11, 2, 16, 8, 19, 5, 13, 10, 17, 14]
    const result = await analyze('reports/ramp.csv', [{ columns: ['series', 'latency_ms'], rows: ramp.map(value => ['ramp', String(value)]) }])
    const latency = find(result, 'latency_ms')
    assertClose(latency.stats?.p50, 10.5)
    assertClose(latency.stats?.p95, 19.05)
    assertClose(latency.stats?.p99, 19.81)
    assert.ok(latency.flags.some(flag => flag.code === 'low-sample-percentiles' && /p99 of n = 20/.test(flag.message)))
  })

  it('five samples with an outlier', async () => {
    const result = await analyze('reports/cold.csv', [{ columns: ['series', 'latency_ms'], rows: [98, 100, 101, 102, 500].map(value => ['cold', String(value)]) }])
    const latency = find(result, 'latency_ms')
    assertClose(latency.stats?.p50, 101)
    assertClose(latency.stats?.mean, 180.2)
    const flag = latency.flags.find(entry => entry.code === 'low-sample-percentiles')
    assert.match(flag?.message ?? '', /p95 and p99 of n = 5/)
  })

  it('header-only file has a series without data', async () => {
    const result = await analyze('reports/embed.csv', [{ columns: ['series', 'latency_ms'], rows: [] }])
    assert.equal(result.series.length, 1)
    const latency = find(result, 'latency_ms')
    assert.equal(latency.seriesKey, '')
    assert.equal(latency.stats, null)
    assert.equal(latency.failedRuns, 0)
    assert.equal(latency.samples.length, 0)
  })
})

describe('unit normalisation', () => {
  it('seconds become milliseconds', async () => {
    // 1.015, 1.02, 1.025 s -> 1015, 1020, 1025 ms.
    const result = await analyze('artifacts/bench.json', [
      { columns: ['latency'], units: ['s'], context: { series: 'generate' }, rows: [[1.015], [1.02], [1.025]] }
    ])
    const latency = find(result, 'latency')
    assert.equal(latency.metric.unit, 'ms')
    assert.equal(latency.metric.sourceUnit, 's')
    assertClose(latency.stats?.p50, 1020)
    assertClose(latency.stats?.mean, 1020)
  })

  it('nanoseconds become milliseconds', async () => {
    const result = await analyze('reports/ns.csv', [{ columns: ['duration_ns'], rows: [['1500000'], ['2500000']] }])
    const duration = find(result, 'duration_ns')
    assertClose(duration.stats?.min, 1.5)
    assertClose(duration.stats?.max, 2.5)
  })

  it('units row in seconds', async () => {
    const result = await analyze('reports/units.csv', [{ columns: ['series', 'latency'], units: [null, 's'], rows: [['a', '0.5']] }])
    assertClose(find(result, 'latency').stats?.mean, 500)
  })

  it('unit in a cell', async () => {
    const result = await analyze('reports/summary.md', [{ columns: ['Model', 'TTFT'], rows: [['a', '354.41 ms'], ['a', '**1.5 s**']] }])
    const ttft = find(result, 'TTFT')
    assert.equal(ttft.metric.kind, 'latency')
    assertClose(ttft.stats?.max, 1500)
    assertClose(ttft.stats?.min, 354.41)
  })

  it('unknown unit is warned, no statistics', async () => {
    const result = await analyze('artifacts/bench.json', [
      { columns: ['latency'], units: ['ticks'], context: { series: 'generate' }, rows: [[975], [980], [985]] }
    ])
    const latency = find(result, 'latency')
    assert.equal(latency.stats, null)
    assert.ok(latency.flags.some(flag => flag.code === 'unknown-unit'))
    assert.ok(result.warnings.some(warning => warning.code === 'unknown-unit' && /ticks/.test(warning.message)))
  })

  it('latency without any unit has no statistics', async () => {
    const result = await analyze('reports/x.csv', [{ columns: ['latency'], rows: [['5'], ['6']] }])
    assert.equal(find(result, 'latency').stats, null)
  })
})

describe('direction', () => {
  it('throughput is higher-is-better', async () => {
    const result = await analyze('artifacts/throughput.json', [
      { columns: ['throughput'], units: ['tokens/s'], context: { series: 'chat' }, rows: [[49], [50], [51]] }
    ])
    const throughput = find(result, 'throughput')
    assert.equal(throughput.metric.direction, 'higher-is-better')
    assert.equal(throughput.metric.unit, 'tokens/s')
  })

  it('latency is lower-is-better', async () => {
    const result = await analyze('artifacts/latency.json', [{ columns: ['latency'], units: ['ms'], context: { series: 'chat' }, rows: [[195], [200], [205]] }])
    assert.equal(find(result, 'latency').metric.direction, 'lower-is-better')
  })

  it('counts are neutral', async () => {
    const result = await analyze('reports/x.csv', [{ columns: ['eval_count'], rows: [['10']] }])
    assert.equal(find(result, 'eval_count').metric.direction, 'neutral')
  })

  it('unknown direction is neutral and reported', async () => {
    const result = await analyze('reports/x.csv', [{ columns: ['series', 'widgets'], rows: [['a', '10'], ['a', '12']] }])
    const widgets = find(result, 'widgets')
    assert.equal(widgets.metric.kind, 'other')
    assert.equal(widgets.metric.direction, 'neutral')
    assert.ok(result.warnings.some(warning => warning.code === 'unknown-direction' && /widgets/.test(warning.message)))
  })

  it('spread of a latency is neutral', async () => {
    const result = await analyze('reports/x.csv', [{ columns: ['std_time_ms'], rows: [['0.5']] }])
    assert.equal(find(result, 'std_time_ms').metric.direction, 'neutral')
  })
})

describe('numbers only in metric columns', () => {
  it('number-like identifiers stay text', async () => {
    const result = await analyze('reports/builds.csv', [
      { columns: ['model', 'build', 'latency_ms'], rows: [['0000123', '1234e56', '10'], ['0000123', '0000123', '12']] }
    ])
    assert.deepEqual(
      result.series.map(entry => entry.metric.name),
      ['latency_ms']
    )
    assert.equal(find(result, 'latency_ms').labels.model, '0000123')
  })

  it('decimal commas', async () => {
    // 1,5 / 2,5 / 3,5 -> mean 2.5.
    const result = await analyze('reports/de.csv', [{ columns: ['series', 'latency_ms'], rows: [['a', '1,5'], ['a', '2,5'], ['a', '3,5']] }])
    assertClose(find(result, 'latency_ms').stats?.mean, 2.5)
  })

  it('grouping points with decimal commas', async () => {
    // 1.234,5 and 1.000,5 -> 1234.5 and 1000.5; 2.345 reads as 2345 in that column.
    const result = await analyze('reports/de.csv', [{ columns: ['series', 'latency_ms'], rows: [['a', '1.234,5'], ['a', '1.000,5'], ['a', '2.345']] }])
    const latency = find(result, 'latency_ms')
    assertClose(latency.stats?.min, 1000.5)
    assertClose(latency.stats?.max, 2345)
  })

  it('grouping commas with decimal points', async () => {
    const result = await analyze('reports/en.csv', [{ columns: ['series', 'latency_ms'], rows: [['a', '1,234.5'], ['a', '1,234'], ['a', '10.5']] }])
    const latency = find(result, 'latency_ms')
    assertClose(latency.stats?.min, 10.5)
    assertClose(latency.stats?.max, 1234.5)
  })

  it('grouped count reads as whole number', async () => {
    const result = await analyze('reports/report.md', [{ columns: ['Response Chars'], rows: [['3,503'], ['1,742']] }])
    assertClose(find(result, 'Response Chars').stats?.max, 3503)
  })

  it('three decimals read as decimals', async () => {
    const result = await analyze('reports/x.csv', [{ columns: ['latency_ms'], rows: [['12.345'], ['23.456']] }])
    assertClose(find(result, 'latency_ms').stats?.min, 12.345)
  })

  it('mixed decimal marks are rejected', async () => {
    const result = await analyze('reports/mixed.csv', [{ columns: ['series', 'latency_ms'], rows: [['a', '1.25'], ['a', '1,5']] }])
    const latency = find(result, 'latency_ms')
    assert.equal(latency.stats, null)
    assert.ok(latency.flags.some(flag => flag.code === 'invalid-values'))
    const warning = result.warnings.find(entry => entry.code === 'invalid-number-format')
    assert.equal(warning?.path, 'reports/mixed.csv')
    assert.equal(warning?.line, 3)
    assert.match(warning?.message ?? '', /latency_ms/)
  })

  it('ambiguous thousands are rejected', async () => {
    const result = await analyze('reports/amb.csv', [{ columns: ['latency_ms'], rows: [['1,234'], ['2,345']] }])
    assert.equal(find(result, 'latency_ms').stats, null)
    assert.ok(result.warnings.some(warning => warning.code === 'invalid-number-format' && warning.line === 2))
  })

  it('text in a metric column is warned', async () => {
    const result = await analyze('reports/x.csv', [{ columns: ['latency_ms'], rows: [['10'], ['oops'], ['12']] }])
    assert.equal(find(result, 'latency_ms').stats?.n, 2)
    const warning = result.warnings.find(entry => entry.code === 'invalid-value')
    assert.equal(warning?.line, 3)
    assert.match(warning?.message ?? '', /oops/)
  })
})

describe('failed runs', () => {
  const columns = ['timestamp', 'model', 'prompt_index', 'prompt_text', 'ttft_s', 'tokens_s', 'eval_count', 'error', 'options']
  const failedRow = (index: number): CellValue[] => [
    '2025-10-08T16:27:01.263350+00:00',
    'gemma3:latest',
    String(index),
    `prompt ${index}`,
    '0.000000',
    '0.00',
    '0',
    '[WinError 10049] The requested address is not valid in its context',
    '{"temperature":0.3}'
  ]

  it('every run failed: no data, five failed', async () => {
    const result = await analyze('reports/ollama/20251008-122701/gemma3_benchmark_runs.csv', [{ columns, rows: [1, 2, 3, 4, 5].map(failedRow) }])
    for (const name of ['ttft_s', 'tokens_s', 'eval_count']) {
      const series = find(result, name, 'model=gemma3:latest')
      assert.equal(series.stats, null, `${name} has statistics`)
      assert.equal(series.failedRuns, 5)
    }
    assert.equal(result.failures.length, 1)
    const failure = result.failures[0]
    assert.equal(failure.failed, 5)
    assert.equal(failure.total, 5)
    assert.equal(failure.topError, '[WinError 10049] The requested address is not valid in its context')
    assert.equal(failure.topErrorCount, 5)
    assert.equal(failure.line, 2)
  })

  it('zeros of a failed row are not samples', async () => {
    const good = (index: number): CellValue[] => ['2025-10-08T16:29:11+00:00', 'gemma3:latest', String(index), `prompt ${index}`, '0.12', '102.7', '306', '', '{}']
    const result = await analyze('reports/runs.csv', [{ columns, rows: [failedRow(1), good(2), good(3)] }])
    const ttft = find(result, 'ttft_s')
    assert.equal(ttft.stats?.n, 2)
    assertClose(ttft.stats?.min, 120)
    assert.equal(ttft.failedRuns, 1)
    assert.equal(result.failures[0].total, 3)
  })

  it('success false is a failed run', async () => {
    const result = await analyze('csv_data/summary.csv', [
      { columns: ['Test Name', 'Generation Time (ms)', 'Success'], rows: [['a', '3089.02', 'TRUE'], ['b', '0', 'FALSE'], ['c', '2797.72', 'TRUE']] }
    ])
    const time = find(result, 'Generation Time (ms)')
    assert.equal(time.stats?.n, 2)
    assert.equal(time.failedRuns, 1)
    assert.match(result.failures[0].topError, /Success is false/)
  })

  it('status failed is a failed run', async () => {
    const result = await analyze('reports/status.csv', [{ columns: ['latency_ms', 'status'], rows: [['0', 'failed'], ['10', 'ok']] }])
    assert.equal(find(result, 'latency_ms').stats?.n, 1)
  })

  it('numeric zero errors is no failure', async () => {
    const result = await analyze('reports/errors.json', [{ columns: ['latency_ms', 'errors'], rows: [[10, 0], [12, 2]] }])
    assert.equal(find(result, 'latency_ms').stats?.n, 1)
    assert.equal(result.failures[0].topError, 'errors = 2')
  })

  it('null aggregates of a summary are no data', async () => {
    const result = await analyze('reports/ollama/20251008-122701/gemma3_benchmark_summary.json', [
      {
        columns: ['model', 'prompt_count', 'completed', 'options.temperature', 'options.top_p', 'mean_ttft_s', 'mean_tokens_s'],
        rows: [['gemma3:latest', 5, 0, 0.3, 0.9, null, null]],
        location: 'models'
      }
    ])
    const ttft = find(result, 'mean_ttft_s')
    assert.equal(ttft.stats, null)
    assert.equal(ttft.failedRuns, 0)
    assert.equal(ttft.metric.aggregate, 'mean')
    assert.equal(ttft.seriesKey, 'model=gemma3:latest')
    assert.equal(find(result, 'completed').stats?.mean, 0)
  })
})

describe('compilation back ends', () => {
  const columns = [
    'backend',
    'compilation',
    'compilation.backend',
    'compilation.success',
    'compilation.compile_time_s',
    'compilation.error',
    'benchmark.backend',
    'benchmark.mean_time_ms',
    'benchmark.std_time_ms',
    'benchmark.min_time_ms',
    'benchmark.max_time_ms',
    'benchmark.metadata.compile_time_s',
    'benchmark.metadata.error'
  ]
  const rows: CellValue[][] = [
    ['eager', null, null, null, null, null, 'eager', 0.15366, 0.0068, 0.1408, 0.1609, 0, null],
    ['jit', null, 'torchscript', true, 0.0699, null, 'jit', 0.16233, 0.0067, 0.1449, 0.1707, 0.0699, null],
    ['torch_compile', null, 'torch.compile', false, null, 'Cannot find a working triton installation.', 'torch_compile', 0, 0, 0, 0, null, 'Cannot find a working triton installation.']
  ]

  it('failed back end has no latency', async () => {
    const result = await analyze('reports/compilation/conv_cuda_bench_20251002-172037.json', [{ columns, rows, location: 'backends' }])
    const failed = result.series.filter(entry => entry.seriesKey === 'backend=torch_compile' && entry.metric.kind === 'latency')
    assert.ok(failed.length >= 4)
    for (const entry of failed) {
      assert.equal(entry.stats, null, `${entry.metric.name} has statistics`)
      assert.equal(entry.failedRuns, 1)
    }
    assert.equal(result.failures.length, 1)
    assert.equal(result.failures[0].seriesKey, 'backend=torch_compile')
    assert.equal(result.failures[0].topError, 'Cannot find a working triton installation.')
  })

  it('each back end is its own series', async () => {
    const result = await analyze('reports/compilation/conv_cuda_bench_20251002-172037.json', [{ columns, rows, location: 'backends' }])
    const mean = find(result, 'benchmark.mean_time_ms', 'backend=eager')
    assertClose(mean.stats?.mean, 0.15366)
    assert.equal(mean.metric.aggregate, 'mean')
    assert.ok(mean.flags.some(flag => flag.code === 'pre-aggregated'))
    assert.equal(find(result, 'benchmark.mean_time_ms', 'backend=jit').stats?.n, 1)
  })

  it('benchmark id and run stamp', async () => {
    const result = await analyze('reports/compilation/conv_cuda_bench_20251002-172037.json', [{ columns, rows, location: 'backends' }])
    const mean = find(result, 'benchmark.mean_time_ms', 'backend=eager')
    assert.equal(mean.benchmark, 'reports/compilation/conv_cuda_bench_{run}.json')
    assert.equal(mean.runStamp, '2025-10-02T17:20:37.000Z')
    assert.equal(mean.location, 'backends')
    assert.equal(result.warnings.filter(warning => warning.code === 'timestamp-without-offset').length, 1)
  })
})

describe('series keys', () => {
  const prompts = ['banter', 'battle', 'loot', 'racing', 'boss']
  const ttft = ['2.3260788', '0.12506040000000002', '0.1298854', '0.1230046', '0.12943169999999998']

  it('prompt unique on every row is a label', async () => {
    // ttft_s of reports/gemma3/gemma3_baseline.csv: n 5, mean 566.692 ms, p50 129.432 ms, p95 1886.84 ms.
    const result = await analyze('reports/gemma3/gemma3_baseline.csv', [{ columns: ['prompt', 'ttft_s', 'error'], rows: prompts.map((prompt, i) => [prompt, ttft[i], '']) }])
    const series = find(result, 'ttft_s')
    assert.equal(series.seriesKey, '')
    assert.equal(series.stats?.n, 5)
    assertClose(series.stats?.mean, 566.69218, 1e-6)
    assertClose(series.stats?.p50, 129.4317, 1e-6)
    assertClose(series.stats?.p95, 1886.84012, 1e-6)
    assert.deepEqual([...series.samples].map(value => Number(value.toFixed(4))), [2326.0788, 125.0604, 129.8854, 123.0046, 129.4317])
  })

  it('cold start of the first prompt', async () => {
    const result = await analyze('reports/gemma3/gemma3_baseline.csv', [{ columns: ['prompt', 'ttft_s'], rows: prompts.map((prompt, i) => [prompt, ttft[i]]) }])
    const series = find(result, 'ttft_s')
    assert.equal(series.coldStartIndex, 0)
    assert.ok(series.flags.some(flag => flag.code === 'cold-start' && /2326\.08 ms/.test(flag.message)))
  })

  it('same prompts for several models are labels', async () => {
    const rows: CellValue[][] = []
    for (const model of ['q4', 'q5', 'q8']) for (let i = 0; i < 5; i++) rows.push([model, `prompt ${i}`, String(i + 1)])
    const result = await analyze('reports/ollama/20251002-151824/prompt_suite_runs.csv', [{ columns: ['model', 'prompt_text', 'latency_ms'], rows }])
    assert.deepEqual(
      result.series.map(entry => `${entry.seriesKey} n=${entry.stats?.n}`),
      ['model=q4 n=5', 'model=q5 n=5', 'model=q8 n=5']
    )
  })

  it('repeated prompt keys the series', async () => {
    const result = await analyze('reports/x.csv', [{ columns: ['prompt', 'latency_ms'], rows: [['a', '1'], ['b', '2'], ['a', '3'], ['b', '4']] }])
    assert.deepEqual(find(result, 'latency_ms', 'prompt=a').samples, Float64Array.from([1, 3]))
    assert.deepEqual(find(result, 'latency_ms', 'prompt=b').samples, Float64Array.from([2, 4]))
  })

  it('single row keeps its prompt', async () => {
    const result = await analyze('reports/x.csv', [{ columns: ['prompt', 'latency_ms'], rows: [['a', '1']] }])
    assert.equal(find(result, 'latency_ms').seriesKey, 'prompt=a')
  })

  it('configuration unique per row stays a key', async () => {
    const result = await analyze('reports/x.csv', [{ columns: ['config_name', 'mean_tokens_s'], rows: [['g60', '187.1'], ['g80', '186.5']] }])
    assert.equal(result.series.length, 2)
    assert.equal(find(result, 'mean_tokens_s', 'config_name=g60').stats?.mean, 187.1)
  })

  it('labels of several columns sort by name', async () => {
    const result = await analyze('reports/x.csv', [
      { columns: ['num_ctx', 'model', 'prompt_index', 'latency_ms'], rows: [['2048', 'gemma3:latest', '1', '5'], ['2048', 'gemma3:latest', '2', '6']] }
    ])
    const series = find(result, 'latency_ms')
    assert.equal(series.seriesKey, 'model=gemma3:latest, num_ctx=2048')
    assert.equal(series.stats?.n, 2)
  })

  it('context labels the series', async () => {
    const result = await analyze('reports/gemma3/gemma3_baseline.json', [
      { columns: ['prompt', 'ttft_s'], context: { model: 'gemma3:latest' }, location: 'results', rows: [['a', 1], ['b', 2]] }
    ])
    assert.equal(find(result, 'ttft_s').seriesKey, 'model=gemma3:latest')
  })

  it('nested identifiers key only without top-level ones', async () => {
    const result = await analyze('reports/x.json', [{ columns: ['model.name', 'model.device', 'settings.runs'], rows: [['conv', 'cuda', 10]] }])
    assert.equal(find(result, 'settings.runs').seriesKey, 'model.device=cuda, model.name=conv')
  })

  it('line of the first contributing row', async () => {
    const result = await analyze('reports/x.csv', [{ columns: ['series', 'latency_ms'], rows: [['a', ''], ['a', '5']] }])
    assert.equal(find(result, 'latency_ms').line, 3)
  })
})

describe('limits', () => {
  it('max series counts further series', async () => {
    const rows: CellValue[][] = []
    for (let i = 0; i < 10; i++) rows.push([`s${i}`, '1'], [`s${i}`, '2'])
    const result = await analyze('reports/many.csv', [{ columns: ['series', 'latency_ms'], rows }], 3)
    assert.equal(result.series.length, 3)
    const warning = result.warnings.find(entry => entry.code === 'max-series')
    assert.match(warning?.message ?? '', /7 further series \(14 rows\)/)
  })

  it('many distinct series names stay bounded', async () => {
    const rows: CellValue[][] = []
    for (let i = 0; i < 200_000; i++) rows.push([`series-${i % 100_000}`, String(i)])
    const started = Date.now()
    const result = await analyze('reports/huge.csv', [{ columns: ['series', 'latency_ms'], rows }], 100)
    assert.equal(result.series.length, 100)
    assert.match(result.warnings.find(entry => entry.code === 'max-series')?.message ?? '', /99900 further series/)
    assert.ok(Date.now() - started < 10_000, 'took too long')
  })

  it('unique prompts beyond max series become labels', async () => {
    const rows: CellValue[][] = []
    for (let i = 0; i < 5000; i++) rows.push([`prompt ${i}`, String(i)])
    const result = await analyze('reports/prompts.csv', [{ columns: ['prompt', 'latency_ms'], rows }], 10)
    const series = find(result, 'latency_ms')
    assert.equal(series.stats?.n, 5000)
    assert.equal(series.samples[4999], 4999)
    assert.equal(result.warnings.filter(entry => entry.code === 'max-series').length, 0)
  })

  it('distinct prompts of capped series stay bounded', async () => {
    // Every row is a new model, so rows past max-series are left out; the prompts never
    // repeat and must not be remembered without bound.
    const rows: CellValue[][] = []
    for (let i = 0; i < 50_000; i++) rows.push([`model ${i}`, `prompt ${i}`, '1'])
    const result = await analyze('reports/models.csv', [{ columns: ['model', 'prompt', 'latency_ms'], rows }], 10)
    assert.equal(result.series.length, 10)
    assert.equal(result.series[0].seriesKey, 'model=model 0')
  })

  it('sample limit flags the sketch', async () => {
    const rows: CellValue[][] = []
    for (let i = 1; i <= 1000; i++) rows.push([String(i)])
    const result = await analyze('reports/long.csv', [{ columns: ['latency_ms'], rows }], 10, 100)
    const series = find(result, 'latency_ms')
    assert.equal(series.stats?.n, 1000)
    assertClose(series.stats?.mean, 500.5)
    assert.ok(series.flags.some(flag => flag.code === 'sample-limit'))
  })
})

describe('run stamps', () => {
  it('content time with offset wins', async () => {
    const result = await analyze('reports/ollama/20251008-122911/runs.csv', [
      {
        columns: ['timestamp', 'latency_ms'],
        rows: [['2025-10-08T16:29:11.043983+00:00', '1'], ['2025-10-08T16:29:12+00:00', '2']]
      }
    ])
    assert.equal(find(result, 'latency_ms').runStamp, '2025-10-08T16:29:12.000Z')
    assert.equal(result.warnings.filter(warning => warning.code === 'timestamp-without-offset').length, 0)
  })

  it('content time without offset warns once', async () => {
    const result = await analyze('csv_data/ollama_param_tuning.csv', [
      { columns: ['timestamp', 'model', 'ttft_s'], rows: [['2025-09-30T20:11:33', 'm', '1'], ['2025-09-30T20:11:35', 'm', '2']] }
    ])
    assert.equal(find(result, 'ttft_s').runStamp, '2025-09-30T20:11:35.000Z')
    assert.equal(result.warnings.filter(warning => warning.code === 'timestamp-without-offset').length, 1)
  })

  it('no stamp anywhere', async () => {
    const result = await analyze('reports/x.csv', [{ columns: ['latency_ms'], rows: [['1']] }])
    assert.equal(find(result, 'latency_ms').runStamp, null)
    assert.equal(find(result, 'latency_ms').benchmark, 'reports/x.csv')
  })
})
