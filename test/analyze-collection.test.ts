/**
 * `analyzeCollection` on real files: the small cases that break benchmark tools, read
 * through the collect stage's parsers, and files written to temporary folders.
 * Expected values come from each case's expected.md.
 */
import assert from 'node:assert/strict'
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { analyzeCollection } from '../src/analyze/index.js'
import type { Analysis, SeriesMetric } from '../src/analyze/types.js'
import type { ArtifactFile, ArtifactFormat, Collection, SkippedFile, TimeSource } from '../src/collect/types.js'
import { MemoryLogger } from '../src/logger.js'

const repoRoot = resolve(import.meta.dirname, '..')
const casesRoot = resolve(repoRoot, '../shared/cases')
const casesMissing = existsSync(casesRoot) ? false : `the shared cases are absent at ${casesRoot}`

const FORMATS: Record<string, ArtifactFormat> = { csv: 'csv', tsv: 'tsv', json: 'json', jsonl: 'jsonl', md: 'markdown' }

interface FileOptions {
  modifiedAt?: string | null
  timeSource?: TimeSource
}

function artifact(root: string, path: string, options: FileOptions = {}): ArtifactFile {
  const absolutePath = join(root, path)
  return {
    path,
    absolutePath,
    realPath: absolutePath,
    format: FORMATS[path.slice(path.lastIndexOf('.') + 1)],
    size: statSync(absolutePath).size,
    modifiedAt: options.modifiedAt ?? null,
    timeSource: options.timeSource ?? 'unknown',
    blob: null
  }
}

function collection(root: string, files: ArtifactFile[], skipped: SkippedFile[] = [], history: Collection['history'] = 'git'): Collection {
  return { workspace: root, files, skipped, foundByExtension: {}, history, warnings: [] }
}

async function analyzeCase(caseName: string, paths: string[]): Promise<Analysis> {
  const root = join(casesRoot, caseName)
  return analyzeCollection(collection(root, paths.map(path => artifact(root, path))), { maxSeries: 10_000 }, new MemoryLogger())
}

function find(analysis: Analysis, path: string, metric: string): SeriesMetric {
  const found = analysis.series.filter(entry => entry.path === path && entry.metric.name === metric)
  assert.equal(found.length, 1, `expected one ${metric} series in ${path}, found ${found.length}`)
  return found[0]
}

function assertClose(actual: number | null | undefined, expected: number, tolerance = 1e-9): void {
  assert.ok(
    actual !== null && actual !== undefined && Math.abs(actual - expected) <= Math.abs(expected) * tolerance + 1e-12,
    `expected ${expected}, got ${actual}`
  )
}

describe('cases read from files', { skip: casesMissing }, () => {
  it('csv with BOM and CRLF', async () => {
    const analysis = await analyzeCase('B01', ['reports/latency_bom.csv'])
    const latency = find(analysis, 'reports/latency_bom.csv', 'latency_ms')
    assert.equal(latency.seriesKey, 'series=chat')
    assert.equal(latency.stats?.n, 3)
    assertClose(latency.stats?.mean, 110)
    assertClose(latency.stats?.p50, 110)
    assertClose(latency.stats?.p95, 119)
  })

  it('csv with trailing delimiter header', async () => {
    const analysis = await analyzeCase('B02', ['csv_data/trailing_delim.csv'])
    const latency = find(analysis, 'csv_data/trailing_delim.csv', 'latency_ms')
    assert.equal(latency.seriesKey, 'series=gen')
    assertClose(latency.stats?.mean, 250)
    assertClose(latency.stats?.p50, 250)
    assertClose(latency.stats?.p95, 295)
  })

  it('csv with quoted line break', async () => {
    const analysis = await analyzeCase('B04', ['reports/with_notes.csv'])
    assert.deepEqual(
      [...new Set(analysis.series.map(entry => entry.seriesKey))],
      ['series=chat']
    )
    const latency = find(analysis, 'reports/with_notes.csv', 'latency_ms')
    assert.equal(latency.stats?.n, 3)
    assertClose(latency.stats?.mean, 120)
    assertClose(latency.stats?.p95, 138)
  })

  it('json with Python NaN and Infinity', async () => {
    const analysis = await analyzeCase('B06', ['artifacts/python_run.json'])
    const latency = analysis.series.find(entry => entry.metric.kind === 'latency')
    assert.equal(latency?.seriesKey, 'series=generate')
    assert.equal(latency?.stats?.n, 2)
    assertClose(latency?.stats?.mean, 125.3)
    assertClose(latency?.stats?.p50, 125.3)
    assert.equal(latency?.droppedNonFinite, 2)
  })

  it('percentiles of a shuffled ramp', async () => {
    const analysis = await analyzeCase('B07', ['reports/ramp.csv'])
    const latency = find(analysis, 'reports/ramp.csv', 'latency_ms')
    assertClose(latency.stats?.mean, 10.5)
    assertClose(latency.stats?.p50, 10.5)
    assertClose(latency.stats?.p95, 19.05)
    assertClose(latency.stats?.p99, 19.81)
    assert.match(analysis.percentileMethod, /linear interpolation/)
  })

  it('five samples flag p95', async () => {
    const analysis = await analyzeCase('B08', ['pr/reports/cold.csv'])
    const latency = find(analysis, 'pr/reports/cold.csv', 'latency_ms')
    assert.equal(latency.stats?.n, 5)
    assertClose(latency.stats?.p50, 101)
    assertClose(latency.stats?.mean, 180.2)
    assert.ok(latency.flags.some(flag => flag.code === 'low-sample-percentiles' && /n = 5/.test(flag.message)))
  })

  it('seconds are converted to ms', async () => {
    const analysis = await analyzeCase('B10', ['pr/artifacts/bench.json', 'base/artifacts/bench.json'])
    const head = analysis.series.find(entry => entry.path === 'pr/artifacts/bench.json' && entry.metric.kind === 'latency')
    assert.equal(head?.metric.unit, 'ms')
    assertClose(head?.stats?.p50, 1020)
    assertClose(head?.stats?.min, 1015)
    const base = analysis.series.find(entry => entry.path === 'base/artifacts/bench.json' && entry.metric.kind === 'latency')
    assertClose(base?.stats?.p50, 980)
  })

  it('throughput and latency directions', async () => {
    const analysis = await analyzeCase('B11', ['pr/artifacts/throughput.json', 'pr/artifacts/latency.json'])
    const throughput = analysis.series.find(entry => entry.path === 'pr/artifacts/throughput.json' && entry.metric.kind === 'throughput')
    assert.equal(throughput?.metric.direction, 'higher-is-better')
    assert.equal(throughput?.metric.unit, 'tokens/s')
    assertClose(throughput?.stats?.p50, 40)
    const latency = analysis.series.find(entry => entry.path === 'pr/artifacts/latency.json' && entry.metric.kind === 'latency')
    assert.equal(latency?.metric.direction, 'lower-is-better')
    assertClose(latency?.stats?.p50, 180)
  })

  it('header-only csv is a series without data', async () => {
    const analysis = await analyzeCase('B21', ['pr/reports/embed.csv', 'pr/reports/latency.csv'])
    const embed = find(analysis, 'pr/reports/embed.csv', 'latency_ms')
    assert.equal(embed.seriesKey, '')
    assert.equal(embed.stats, null)
    assert.equal(embed.failedRuns, 0)
    const chat = find(analysis, 'pr/reports/latency.csv', 'latency_ms')
    assert.equal(chat.stats?.n, 20)
    assertClose(chat.stats?.mean, 295)
    assertClose(chat.stats?.p95, 380.5)
  })
})

describe('collection of temporary files', () => {
  let root: string

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'analyze-collection-'))
    const write = (path: string, text: string): void => {
      mkdirSync(dirname(join(root, path)), { recursive: true })
      writeFileSync(join(root, path), text)
    }
    for (let i = 0; i < 12; i++) {
      const rows = Array.from({ length: 50 + i * 40 }, (_, row) => `s${row % 3},${(row * 7919 + i) % 1000}`)
      write(`reports/run-${String(i).padStart(2, '0')}.csv`, ['series,latency_ms', ...rows].join('\n'))
    }
    write('reports/broken.json', '{"series": "a",\n  "latency_ms": [1, 2,\n}')
    write('artifacts/ticks.json', '{"series": "generate", "metric": "latency", "unit": "ticks", "samples": [975, 980, 985]}')
    write('artifacts/notes.md', '# Notes\n\nOnly prose here, no table.\n')
    write('artifacts/table.md', '| series | latency_ms |\n| --- | --- |\n| a | 5 |\n| a | 7 |\n')
    write('locale/decimal-comma.csv', 'series;latency_ms;commit\na;1,5;1234e56\na;2,5;0000123\na;1.000,5;abcdef1\n')
    write('locale/mixed.csv', 'series;latency_ms\na;1,5\na;2.5\n')
  })

  after(() => rmSync(root, { recursive: true, force: true }))

  function files(): ArtifactFile[] {
    const paths = ['artifacts/notes.md', 'artifacts/table.md', 'artifacts/ticks.json', 'reports/broken.json']
    for (let i = 0; i < 12; i++) paths.push(`reports/run-${String(i).padStart(2, '0')}.csv`)
    return paths.map((path, index) =>
      artifact(root, path, {
        modifiedAt: `2025-10-0${1 + (index % 9)}T12:00:00Z`,
        timeSource: path === 'artifacts/table.md' ? 'filesystem' : 'git'
      })
    )
  }

  it('results do not depend on concurrency', async () => {
    const serial = await analyzeCollection(collection(root, files()), { maxSeries: 100, concurrency: 1 }, new MemoryLogger())
    const parallel = await analyzeCollection(collection(root, files().reverse()), { maxSeries: 100, concurrency: 8 }, new MemoryLogger())
    assert.deepEqual(parallel, serial)
    assert.ok(serial.series.length >= 36)
  })

  it('unparseable file is skipped with its line', async () => {
    const analysis = await analyzeCollection(collection(root, files()), { maxSeries: 100 }, new MemoryLogger())
    const skipped = analysis.inventory.skipped.find(entry => entry.path === 'reports/broken.json')
    assert.ok(skipped, 'broken.json is not listed as skipped')
    assert.equal(typeof skipped.line, 'number')
    assert.equal(analysis.inventory.parsedFiles, 15)
    assert.ok(analysis.series.some(entry => entry.path === 'reports/run-11.csv'))
  })

  it('unknown unit is a warning for the file', async () => {
    const analysis = await analyzeCollection(collection(root, files()), { maxSeries: 100 }, new MemoryLogger())
    const latency = analysis.series.find(entry => entry.path === 'artifacts/ticks.json' && entry.metric.kind === 'latency')
    assert.equal(latency?.stats, null)
    assert.ok(analysis.warnings.some(warning => warning.path === 'artifacts/ticks.json' && warning.code === 'unknown-unit'))
  })

  it('inventory counts types and folders', async () => {
    const skipped: SkippedFile[] = [{ path: 'reports/profile.csv', reason: 'binary or non-UTF-8 content' }, { path: 'reports/image.png', reason: 'not an artifact format' }]
    const analysis = await analyzeCollection(collection(root, files(), skipped), { maxSeries: 100 }, new MemoryLogger())
    const inventory = analysis.inventory
    assert.equal(inventory.totalFiles, 18)
    assert.equal(inventory.byType.csv.files, 13)
    assert.equal(inventory.byType.json.files, 2)
    assert.equal(inventory.byType.markdown.files, 2)
    assert.equal(inventory.byType.png.files, 1)
    assert.equal(inventory.byFolder.reports.files, 15)
    assert.equal(inventory.byFolder.artifacts.files, 3)
    assert.equal(inventory.proseFiles, 1)
    assert.equal(inventory.history, 'git')
  })

  it('newest time comes from git history', async () => {
    const analysis = await analyzeCollection(collection(root, files()), { maxSeries: 100 }, new MemoryLogger())
    const byType = analysis.inventory.byType
    assert.equal(byType.csv.newest, '2025-10-09T12:00:00Z')
    assert.equal(byType.csv.newestSource, 'git')
    // table.md has only a file-system time, which must not pass for history while notes.md has git history.
    assert.equal(byType.markdown.newest, '2025-10-01T12:00:00Z')
    assert.equal(byType.markdown.newestSource, 'git')
  })

  it('file-system time is labelled as such', async () => {
    const onlyFilesystem = files().map(file => ({ ...file, timeSource: 'filesystem' as const }))
    const analysis = await analyzeCollection(collection(root, onlyFilesystem, [], 'filesystem'), { maxSeries: 100 }, new MemoryLogger())
    assert.equal(analysis.inventory.byType.json.newestSource, 'filesystem')
    assert.equal(analysis.inventory.history, 'filesystem')
  })

  it('unknown time stays unknown', async () => {
    const unknown = files().map(file => ({ ...file, modifiedAt: null, timeSource: 'unknown' as const }))
    const analysis = await analyzeCollection(collection(root, unknown, [], 'shallow-git'), { maxSeries: 100 }, new MemoryLogger())
    assert.equal(analysis.inventory.byType.csv.newest, null)
  })

  it('semicolon csv with decimal commas', async () => {
    const paths = ['locale/decimal-comma.csv', 'locale/mixed.csv']
    const analysis = await analyzeCollection(collection(root, paths.map(path => artifact(root, path))), { maxSeries: 100 }, new MemoryLogger())
    const latency = find(analysis, 'locale/decimal-comma.csv', 'latency_ms')
    assert.deepEqual([...latency.samples], [1.5, 2.5, 1000.5])
    assert.deepEqual(
      analysis.series.filter(entry => entry.path === 'locale/decimal-comma.csv').map(entry => entry.metric.name),
      ['latency_ms']
    )
    assert.equal(find(analysis, 'locale/mixed.csv', 'latency_ms').stats, null)
    const warning = analysis.warnings.find(entry => entry.path === 'locale/mixed.csv' && entry.code === 'invalid-number-format')
    assert.equal(warning?.line, 3)
  })

  it('markdown table is read', async () => {
    const analysis = await analyzeCollection(collection(root, files()), { maxSeries: 100 }, new MemoryLogger())
    const latency = analysis.series.find(entry => entry.path === 'artifacts/table.md' && entry.metric.name === 'latency_ms')
    assert.equal(latency?.stats?.mean, 6)
  })
})
