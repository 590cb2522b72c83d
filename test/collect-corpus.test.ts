import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { collectArtifacts, type Collection, type ParseWarning } from '../src/collect/index.js'
import { MemoryLogger } from '../src/logger.js'
import { collectSettings, corpusRoot, readAll, sharedMissing, type ReadTable } from './support/collect-helpers.js'

const noCorpus = sharedMissing(corpusRoot)

describe('chimera corpus', { skip: noCorpus }, () => {
  let collection: Collection
  const tablesByPath = new Map<string, ReadTable[]>()
  const warnings: ParseWarning[] = []
  const failures: string[] = []

  before(async () => {
    collection = await collectArtifacts(corpusRoot, collectSettings(), new MemoryLogger())
    for (const file of collection.files) {
      try {
        const read = await readAll(file)
        tablesByPath.set(file.path, read.tables)
        warnings.push(...read.warnings)
      } catch (error) {
        failures.push(`${file.path}: ${error instanceof Error ? error.message : String(error)}`)
      }
    }
  })

  function table(path: string, location: string): ReadTable {
    const found = tablesByPath.get(path)?.find(candidate => candidate.location === location)
    assert.ok(found, `no table '${location}' in ${path}`)
    return found
  }

  function cell(read: ReadTable, row: number, column: string): unknown {
    const index = read.columns.indexOf(column)
    assert.notEqual(index, -1, `no column ${column} in ${read.path}`)
    return read.rows[row].cells[index]
  }

  it('finds every artifact by type', () => {
    assert.deepEqual(collection.foundByExtension, { csv: 28, json: 44, md: 29 })
    assert.equal(collection.files.length + collection.skipped.length, 101)
  })

  it('skips only the utf-16 profiler export', () => {
    assert.equal(collection.files.length, 100)
    assert.deepEqual(
      collection.skipped.map(skipped => skipped.path),
      ['reports/profiling/ncu_summary.csv']
    )
    assert.match(collection.skipped[0].reason, /UTF-16/)
  })

  it('paths are sorted and relative', () => {
    const paths = collection.files.map(file => file.path)
    assert.deepEqual(paths, [...paths].sort())
    assert.equal(
      paths.every(path => !path.startsWith('/') && !path.includes('\\')),
      true
    )
  })

  it('every file parses', () => {
    assert.deepEqual(failures, [])
    assert.deepEqual(
      warnings.filter(warning => !warning.message.startsWith('This text looks like a table')),
      []
    )
  })

  it('tables glued to text warned', () => {
    // In these reports the line breaks before the header row were lost, so the header sits in a list item or a sentence.
    const glued = [
      'reports/compilation/compilation_benchmark_lessons_20251002.md:8',
      'reports/compilation/conv_bench_20251002-170837.md:4',
      'reports/compilation/conv_cuda_bench_20251002-172037.md:4',
      'reports/compilation/mlp_bench_20251002-165750.md:4',
      'reports/compilation/mlp_cuda_bench_20251002-171845.md:4',
      'reports/compilation/transformer_bench_20251002-170914.md:4',
      'reports/compilation/transformer_cuda_bench_20251002-172126.md:4',
      'reports/compilation/transformer_cuda_pytorch2508.md:4',
      'reports/compilation/transformer_cuda_torchtrt_20251003-033530.md:4',
      'reports/compilation/transformer_cuda_triton2508.md:4',
      'reports/compilation/transformer_cuda_triton2508_summary.md:5',
      'reports/llama3/ollama_benchmark_summary.md:7',
      'reports/llama3/ollama_benchmark_summary.md:14',
      'reports/ollama/ollama_benchmark_summary.md:7',
      'reports/ollama/ollama_benchmark_summary.md:14'
    ]
    assert.deepEqual(
      warnings.filter(warning => warning.message.startsWith('This text looks like a table')).map(warning => `${warning.path}:${warning.line}`),
      glued
    )
  })

  it('every csv and json has a table', () => {
    const empty = collection.files.filter(file => file.format !== 'markdown' && (tablesByPath.get(file.path)?.length ?? 0) === 0).map(file => file.path)
    assert.deepEqual(empty, [])
  })

  it('failed backend in same row', () => {
    const backends = table('reports/compilation/mlp_cuda_bench_20251002-171845.json', 'backends')
    const row = backends.rows.findIndex(candidate => candidate.cells[backends.columns.indexOf('backend')] === 'torch_compile')
    assert.notEqual(row, -1)
    assert.equal(cell(backends, row, 'compilation.success'), false)
    assert.equal(cell(backends, row, 'benchmark.mean_time_ms'), 0)
  })

  it('profiler units row', () => {
    const raw = table('reports/profiling/ncu_ollama_raw.csv', '')
    assert.equal(raw.columns.length, 251)
    assert.equal(raw.units[raw.columns.indexOf('gpu__time_duration.sum')], 'us')
    assert.deepEqual(
      raw.rows.map(row => row.line),
      [3]
    )
  })

  it('json text inside csv field', () => {
    const runs = table('reports/ollama/20251008-122911/gemma3_benchmark_fixed_runs.csv', '')
    assert.equal(runs.rows.length, 5)
    assert.equal(cell(runs, 0, 'options'), '{"temperature":0.3,"top_p":0.9}')
    assert.equal(cell(runs, 0, 'ttft_s'), '29.987070')
  })

  it('records inherit model context', () => {
    const results = table('reports/gemma3/gemma3_baseline.json', 'results')
    assert.deepEqual(results.context, { model: 'gemma3:latest' })
    assert.equal(results.rows.length, 5)
    assert.equal(cell(results, 0, 'ttft_s'), 2.3260788)
  })

  it('pretty json rows have lines', () => {
    const results = table('reports/gemma3/gemma3_baseline.json', 'results')
    assert.deepEqual(
      results.rows.map(row => row.line),
      [4, 14, 24, 34, 44]
    )
  })

  it('markdown tables found', () => {
    const gemma = tablesByPath.get('reports/gemma3/Gemma3_Benchmark_Report.md') ?? []
    assert.equal(gemma.length, 10)
  })
})
