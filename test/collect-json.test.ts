import assert from 'node:assert/strict'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { ArtifactParseError } from '../src/collect/index.js'
import { parseJson } from '../src/collect/json-parse.js'
import { isIdentifying, singular } from '../src/collect/json-tables.js'
import { artifactAt, caseFile, readAll, sharedMissing, sharedRoot, temporaryFolder, type ReadTable } from './support/collect-helpers.js'

const noShared = sharedMissing(path.join(sharedRoot, 'cases'))

let folder = ''
let removeFolder: () => Promise<void> = async () => {}

before(async () => {
  ;({ folder, remove: removeFolder } = await temporaryFolder('collect-json'))
})
after(() => removeFolder())

async function readContent(name: string, content: string | Buffer) {
  const file = path.join(folder, name)
  await writeFile(file, content)
  return readAll(await artifactAt(file, `artifacts/${name}`))
}

function tableAt(tables: ReadTable[], location: string): ReadTable {
  const table = tables.find(candidate => candidate.location === location)
  assert.ok(table, `no table at '${location}'; found ${tables.map(candidate => `'${candidate.location}'`).join(', ')}`)
  return table
}

/** Cells of a row by column name. */
function record(table: ReadTable, index: number): Record<string, unknown> {
  return Object.fromEntries(table.columns.map((column, position) => [column, table.rows[index].cells[position]]))
}

describe('json cases', { skip: noShared }, () => {
  it('python NaN and Infinity', async () => {
    const { tables, warnings } = await readAll(await artifactAt(caseFile('B06', 'artifacts/python_run.json')))
    const samples = tableAt(tables, 'samples')
    assert.deepEqual(samples.columns, ['latency'])
    assert.deepEqual(samples.units, ['ms'])
    assert.deepEqual(samples.context, { series: 'generate' })
    const values = samples.rows.map(row => row.cells[0] as number)
    assert.equal(values.length, 4)
    assert.deepEqual(
      values.filter(value => Number.isFinite(value)),
      [120.5, 130.1]
    )
    assert.ok(Number.isNaN(values[1]))
    assert.equal(values[3], Number.POSITIVE_INFINITY)
    assert.equal(record(tableAt(tables, ''), 0).note, 'retry NaN guard on')
    assert.deepEqual(warnings, [])
  })
})

describe('json parsing', () => {
  it('tolerant parse leaves strings intact', () => {
    const text = '{"note": "NaN Infinity -Infinity", "quoted": "say \\"NaN\\"", "values": [NaN, -Infinity, Infinity, 1.5e3]}'
    const { value, tolerant } = parseJson(text)
    assert.equal(tolerant, true)
    const object = value as { note: string; quoted: string; values: number[] }
    assert.equal(object.note, 'NaN Infinity -Infinity')
    assert.equal(object.quoted, 'say "NaN"')
    assert.ok(Number.isNaN(object.values[0]))
    assert.equal(object.values[1], Number.NEGATIVE_INFINITY)
    assert.equal(object.values[2], Number.POSITIVE_INFINITY)
    assert.equal(object.values[3], 1500)
  })

  it('strict json uses JSON.parse', () => {
    assert.equal(parseJson('{"a": [1, 2]}').tolerant, false)
  })

  it('syntax error has line', async () => {
    await assert.rejects(readContent('broken.json', '{\n  "a": 1,\n  "b": \n}\n'), (error: unknown) => {
      assert.ok(error instanceof ArtifactParseError)
      assert.equal(error.path, 'artifacts/broken.json')
      assert.equal(error.line, 4)
      assert.match(error.message, /line 4/)
      return true
    })
  })

  it('bare word outside strings rejected', async () => {
    await assert.rejects(readContent('word.json', '{"a": [1,\n nan]}'), (error: unknown) => {
      assert.ok(error instanceof ArtifactParseError)
      assert.equal(error.line, 2)
      return true
    })
  })

  it('deep nesting rejected', async () => {
    const text = `${'['.repeat(2000)}${']'.repeat(2000)}`
    await assert.rejects(readContent('deep.json', text), ArtifactParseError)
  })

  it('empty file warns', async () => {
    const { tables, warnings } = await readContent('empty.json', '  \n')
    assert.equal(tables.length, 0)
    assert.match(warnings[0].message, /Empty file/)
  })

  it('byte order mark ignored', async () => {
    const { tables } = await readContent('bom.json', '\uFEFF{"series": "chat", "latency_ms": 5}')
    assert.deepEqual(tables[0].columns, ['series', 'latency_ms'])
  })
})

describe('json structure', () => {
  const compilation = {
    generated_at: '2025-10-02T20:58:02+00:00',
    model: { name: 'mlp', device: 'cuda' },
    settings: { runs: 10, backends: ['eager', 'torch_compile'] },
    backends: {
      eager: { backend: 'eager', compilation: null, benchmark: { backend: 'eager', mean_time_ms: 0.24, std_time_ms: 0.05 } },
      torch_compile: {
        backend: 'torch_compile',
        compilation: { backend: 'torch.compile', success: false, compile_time_s: 0, error: 'Cannot find a working triton installation.' },
        benchmark: { backend: 'torch_compile', mean_time_ms: 0.0, std_time_ms: 0.0 }
      }
    }
  }

  it('nested backends flattened per row', async () => {
    const { tables } = await readContent('compile.json', JSON.stringify(compilation, null, 2))
    const backends = tableAt(tables, 'backends')
    assert.equal(backends.columns.includes('backend'), true)
    assert.equal(backends.columns.includes('compilation.success'), true)
    assert.equal(backends.columns.includes('benchmark.mean_time_ms'), true)
    const failed = record(backends, 1)
    assert.equal(failed.backend, 'torch_compile')
    assert.equal(failed['compilation.success'], false)
    assert.equal(failed['benchmark.mean_time_ms'], 0)
    assert.equal(record(backends, 0)['compilation.success'], null)
  })

  it('map key equal to field adds no column', async () => {
    const { tables } = await readContent('compile2.json', JSON.stringify(compilation))
    const backends = tableAt(tables, 'backends')
    assert.equal(backends.columns.filter(column => column === 'backend').length, 1)
    assert.equal(backends.columns.includes('backend_key'), false)
  })

  it('root scalars form one row', async () => {
    const { tables } = await readContent('compile3.json', JSON.stringify(compilation))
    const root = tableAt(tables, '')
    assert.deepEqual(root.columns, ['generated_at', 'model.name', 'model.device', 'settings.runs'])
    assert.equal(root.rows.length, 1)
  })

  it('map of records gets key column', async () => {
    const { tables } = await readContent('map.json', JSON.stringify({ quantizations: { q4: { accuracy: 0.7, loss: 0.6 }, q8: { accuracy: 0.75, loss: 0.5 } } }))
    const table = tableAt(tables, 'quantizations')
    assert.deepEqual(table.columns, ['quantization', 'accuracy', 'loss'])
    assert.deepEqual(
      table.rows.map(row => row.cells[0]),
      ['q4', 'q8']
    )
  })

  it('map key conflicting with field', async () => {
    const { tables } = await readContent('conflict.json', JSON.stringify({ backends: { jit: { backend: 'torchscript', ms: 1 }, eager: { backend: 'eager', ms: 2 } } }))
    const table = tableAt(tables, 'backends')
    assert.deepEqual(table.columns, ['backend_key', 'backend', 'ms'])
    assert.deepEqual(table.rows[0].cells, ['jit', 'torchscript', 1])
  })

  it('single-entry object is flattened', async () => {
    const { tables } = await readContent('single.json', JSON.stringify({ attention: { torch: { mean_time_ms: 24.6 } } }))
    assert.deepEqual(tableAt(tables, '').columns, ['attention.torch.mean_time_ms'])
  })

  it('samples object becomes sample rows', async () => {
    const { tables } = await readContent('samples.json', JSON.stringify({ series: 'chat', metric: 'latency', unit: 'ms', samples: [100, 110] }))
    const samples = tableAt(tables, 'samples')
    assert.deepEqual(samples.columns, ['latency'])
    assert.deepEqual(samples.units, ['ms'])
    assert.deepEqual(samples.context, { series: 'chat' })
    assert.deepEqual(
      samples.rows.map(row => row.cells),
      [[100], [110]]
    )
  })

  it('equal-length arrays are zipped', async () => {
    const { tables } = await readContent('zip.json', JSON.stringify({ name: 'run', latency_ms: [1, 2], tokens_s: [30, 40], ci: [0, 1, 2] }))
    const zipped = tableAt(tables, 'latency_ms')
    assert.deepEqual(zipped.columns, ['latency_ms', 'tokens_s'])
    assert.deepEqual(
      zipped.rows.map(row => row.cells),
      [
        [1, 30],
        [2, 40]
      ]
    )
    assert.deepEqual(tableAt(tables, 'ci').columns, ['ci'])
    assert.deepEqual(zipped.context, { name: 'run' })
  })

  it('records array with nested tables', async () => {
    const document = {
      model: 'gemma3:latest',
      generated_at: '2025-10-08T16:27:01+00:00',
      results: [
        { prompt: 'a', note: 'free text', ttft_s: 0.1, gpu: [{ id: 0, temperature: 48 }], variations: ['x', 'y'] },
        { prompt: 'b', note: 'more text', ttft_s: 0.2, gpu: [{ id: 0, temperature: 50 }] }
      ]
    }
    const { tables } = await readContent('records.json', JSON.stringify(document, null, 2))
    const results = tableAt(tables, 'results')
    assert.deepEqual(results.columns, ['prompt', 'note', 'ttft_s'])
    assert.deepEqual(results.context, { model: 'gemma3:latest' })
    const gpu = tableAt(tables, 'results[1].gpu')
    assert.deepEqual(gpu.context, { model: 'gemma3:latest', prompt: 'b' })
    assert.deepEqual(gpu.rows[0].cells, [0, 50])
  })

  it('record lines in pretty json', async () => {
    const text = ['{', '  "runs": [', '    {', '      "ms": 1', '    },', '    {"ms": 2},', '    {', '      "ms": 3', '    }', '  ]', '}'].join('\n')
    const { tables } = await readContent('lines.json', text)
    assert.deepEqual(
      tableAt(tables, 'runs').rows.map(row => row.line),
      [3, 6, 7]
    )
  })

  it('sample lines in pretty json', async () => {
    const text = '{\n  "unit": "ms",\n  "samples": [\n    1,\n    2\n  ]\n}'
    const { tables } = await readContent('sample-lines.json', text)
    assert.deepEqual(
      tableAt(tables, 'samples').rows.map(row => row.line),
      [4, 5]
    )
  })

  it('integer-like and duplicate keys keep lines', async () => {
    const text = ['{"runs": {', '  "10": {"ms": 1},', '  "2": {"ms": 2},', '  "2": {"ms": 3}', '}}'].join('\n')
    const { tables } = await readContent('keys.json', text)
    const runs = tableAt(tables, 'runs')
    const lineByKey = Object.fromEntries(runs.rows.map(row => [row.cells[0], row.line]))
    assert.deepEqual(lineByKey, { '2': 4, '10': 2 })
    assert.equal(record(runs, runs.rows.findIndex(row => row.cells[0] === '2')).ms, 3)
  })

  it('root array of records', async () => {
    const { tables } = await readContent('array.json', JSON.stringify([{ series: 'a', ms: 1 }, { series: 'b', ms: 2 }]))
    assert.equal(tables[0].location, '')
    assert.deepEqual(tables[0].columns, ['series', 'ms'])
    assert.equal(tables[0].rows.length, 2)
  })

  it('root array of numbers', async () => {
    const { tables, warnings } = await readContent('numbers.json', '[1, 2, 3]')
    assert.deepEqual(tables[0].columns, ['value'])
    assert.equal(tables[0].rows.length, 3)
    assert.deepEqual(warnings, [])
  })

  for (const [name, content, cause] of [
    ['null root', 'null', /the JSON root is null, not an object or an array of records/],
    ['string root', '"just a string"', /the JSON root is a string, not an object or an array of records/],
    ['number root', '42', /the JSON root is a number, not an object or an array of records/],
    ['boolean root', 'true', /the JSON root is a boolean/],
    ['object without numbers', '{"a": {"b": "c"}}', /no numeric field and no array of numbers/],
    ['empty object', '{}', /no numeric field/],
    ['array of strings', '["a", "b"]', /no numeric field/],
    ['mixed array', '[1, "a"]', /no numeric field/]
  ] as const) {
    it(`${name} warns no table`, async () => {
      const file = `${name.replace(/ /g, '-')}.json`
      const { warnings } = await readContent(file, content)
      assert.equal(warnings.length, 1)
      assert.equal(warnings[0].path, `artifacts/${file}`)
      assert.equal(warnings[0].line, 1)
      assert.match(warnings[0].message, /^No table of values found: /)
      assert.match(warnings[0].message, cause)
    })
  }

  it('numeric text counts as values', async () => {
    const { tables, warnings } = await readContent('text-values.json', '{"series": "chat", "latency": "12.5 ms"}')
    assert.equal(tables.length, 1)
    assert.deepEqual(warnings, [])
  })

  it('NaN samples count as values', async () => {
    const { warnings } = await readContent('nan-samples.json', '{"samples": [NaN, NaN]}')
    assert.deepEqual(warnings, [])
  })

  it('identifying fields', () => {
    assert.equal(isIdentifying('series', 'chat'), true)
    assert.equal(isIdentifying('note', 'retry NaN guard on'), false)
    assert.equal(isIdentifying('error_message', 'boom'), false)
    assert.equal(isIdentifying('generated_at', '2025-10-02T20:58:02+00:00'), false)
    assert.equal(isIdentifying('label', '2025-10-02'), false)
    assert.equal(isIdentifying('prompt', 'line one\nline two'), false)
  })

  it('singular of keys', () => {
    assert.equal(singular('backends'), 'backend')
    assert.equal(singular('queries'), 'query')
    assert.equal(singular('processes'), 'process')
    assert.equal(singular('series'), 'series')
    assert.equal(singular('status'), 'status')
    assert.equal(singular('data'), 'data')
  })
})

describe('json lines', () => {
  it('bad line warned and skipped', async () => {
    const content = ['{"series": "chat", "latency_ms": 100}', '{"series": "chat", "latency_ms": ', '', '{"series": "chat", "latency_ms": 120, "ok": true}'].join('\n')
    const { tables, warnings } = await readContent('runs.jsonl', content)
    assert.deepEqual(tables[0].columns, ['series', 'latency_ms', 'ok'])
    assert.deepEqual(
      tables[0].rows.map(row => [row.line, ...row.cells]),
      [
        [1, 'chat', 100, null],
        [4, 'chat', 120, true]
      ]
    )
    assert.equal(warnings.length, 1)
    assert.equal(warnings[0].line, 2)
    assert.equal(warnings[0].path, 'artifacts/runs.jsonl')
  })

  it('non-object line warned', async () => {
    const { tables, warnings } = await readContent('mixed.ndjson', '[1, 2]\n{"ms": 3}\n')
    assert.equal(tables[0].rows.length, 1)
    assert.equal(warnings[0].line, 1)
    assert.match(warnings[0].message, /Expected a JSON object/)
  })

  it('samples lines and NaN', async () => {
    const content = [
      '{"series": "chat", "metric": "latency", "unit": "ms", "samples": [100, NaN]}',
      '{"series": "embed", "metric": "latency", "unit": "ms", "samples": [7]}'
    ].join('\r\n')
    const { tables, warnings } = await readContent('samples.jsonl', content)
    assert.deepEqual(tables[0].columns, ['series', 'latency'])
    assert.deepEqual(tables[0].units, [null, 'ms'])
    const rows = tables[0].rows
    assert.deepEqual(
      rows.map(row => [row.line, row.cells[0]]),
      [
        [1, 'chat'],
        [1, 'chat'],
        [2, 'embed']
      ]
    )
    assert.equal(rows[0].cells[1], 100)
    assert.ok(Number.isNaN(rows[1].cells[1]))
    assert.deepEqual(warnings, [])
  })

  it('empty jsonl warns', async () => {
    const { tables, warnings } = await readContent('empty.jsonl', '\n\n')
    assert.equal(tables.length, 0)
    assert.match(warnings[0].message, /Empty file/)
  })
})
