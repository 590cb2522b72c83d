/**
 * Shortcuts the analyzer takes on every row of a large file, checked against plain
 * references on seeded random inputs. The references are `Number` for plain decimals,
 * the newest `parseTimestamp` result for timestamp columns, and counts per label pair
 * for the grouping of rows into series.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { analyzeTables } from '../src/analyze/index.js'
import { NewestTimestamp } from '../src/analyze/newest-timestamp.js'
import { readPlainNumber } from '../src/analyze/numbers.js'
import { parseTimestamp, type ParsedTime } from '../src/analyze/runs.js'
import type { CellValue, ParsedTable } from '../src/collect/types.js'
import { seededRandom } from './support/seeded-random.js'

function digits(random: () => number, count: number): string {
  let text = ''
  for (let i = 0; i < count; i++) text += Math.floor(random() * 10)
  return text
}

describe('plain number fast path', () => {
  it('equals Number on random decimals', () => {
    const random = seededRandom(1)
    let read = 0
    for (let i = 0; i < 200_000; i++) {
      const integer = random() < 0.1 ? '0' : `${1 + Math.floor(random() * 9)}${digits(random, Math.floor(random() * 18))}`
      const fraction = random() < 0.3 ? '' : `.${digits(random, 1 + Math.floor(random() * 18))}`
      const text = `${random() < 0.3 ? '-' : ''}${integer}${fraction}`
      const value = readPlainNumber(text)
      if (Number.isNaN(value)) continue
      read++
      // Object.is distinguishes -0 from 0.
      assert.ok(Object.is(value, Number(text)), `${text}: ${value} where Number gives ${Number(text)}`)
    }
    assert.ok(read > 150_000, `only ${read} of the random decimals took the fast path`)
  })

  it('15 and 16 significant digits', () => {
    for (const text of ['999999999999999', '9999999999999999', '12345678.9012345', '1234567.890123456', '-0.000000000000001', '0.1234567890123456789']) {
      assert.ok(Object.is(readPlainNumber(text), Number(text)), text)
    }
  })

  it('negative zero kept', () => {
    assert.ok(Object.is(readPlainNumber('-0.0'), -0))
  })
})

describe('newest timestamp fast path', () => {
  /** Newest time that `NewestTimestamp` reports for `cells`. */
  function newestOf(cells: CellValue[]): number | null {
    let newest: number | null = null
    const column = new NewestTimestamp(0, time => {
      if (newest === null || time.epochMs > newest) newest = time.epochMs
    })
    for (const cell of cells) column.add(cell)
    column.finish()
    return newest
  }

  /** Reference: every cell parsed on its own. */
  function parsedNewest(cells: CellValue[]): number | null {
    const times = cells.map(cell => parseTimestamp(cell)).filter((time): time is ParsedTime => time !== null)
    return times.length === 0 ? null : Math.max(...times.map(time => time.epochMs))
  }

  /** Builds a column of mostly rising stamps in one layout, with runs in the same minute and some bad or odd cells. */
  function stampColumn(random: () => number, rows: number): string[] {
    let time = Date.UTC(2025, 1, 27, 23, 58, 0)
    const cells: string[] = []
    for (let i = 0; i < rows; i++) {
      time += Math.floor(random() * 20_000) - 2_000
      let cell = new Date(time).toISOString()
      const draw = random()
      if (draw < 0.02) cell = `${cell.slice(0, 17)}60${cell.slice(19)}`
      else if (draw < 0.04) cell = `${cell.slice(0, 8)}30${cell.slice(10)}`
      else if (draw < 0.06) cell = `${cell.slice(0, 18)}x${cell.slice(19)}`
      else if (draw < 0.07) cell = `${cell.slice(0, 16)}\u00ff${cell.slice(17)}`
      else if (draw < 0.08) cell = cell.replace('Z', '+01:00')
      else if (draw < 0.09) cell = cell.replace('T', ' ')
      cells.push(cell)
    }
    return cells
  }

  it('equals parsing every cell', () => {
    const random = seededRandom(2)
    for (let column = 0; column < 300; column++) {
      const cells = stampColumn(random, 1 + Math.floor(random() * 200))
      assert.equal(newestOf(cells), parsedNewest(cells), cells.join(' '))
    }
  })

  it('leap second in same minute', () => {
    // As parseTimestamp reads it, 12:30:60 is 12:31:00 of the same day, so it is the newest.
    const cells = ['2025-06-30T12:30:58.000Z', '2025-06-30T12:30:59.000Z', '2025-06-30T12:30:60.000Z']
    assert.equal(newestOf(cells), Date.UTC(2025, 5, 30, 12, 31, 0))
  })

  it('invalid seconds in same minute', () => {
    const cells = ['2025-10-08T12:00:01Z', '2025-10-08T12:00:75Z']
    assert.equal(newestOf(cells), Date.UTC(2025, 9, 8, 12, 0, 1))
  })
})

describe('rows grouped into series', () => {
  function table(columns: string[], rows: CellValue[][]): ParsedTable {
    return {
      path: 'groups.csv',
      location: '',
      columns,
      units: columns.map(() => null),
      context: {},
      rows: (async function* () {
        for (let i = 0; i < rows.length; i++) yield { line: i + 2, cells: rows[i] }
      })()
    }
  }

  it('counts per model and scenario', async () => {
    // 20 models, more than the grouping compares one by one before it uses a map.
    const random = seededRandom(3)
    const rows: CellValue[][] = []
    const expected = new Map<string, number>()
    for (let i = 0; i < 5000; i++) {
      const model = `model-${Math.floor(random() * 20)}`
      const scenario = ['chat', 'code', 'summarize'][Math.floor(random() * 3)]
      rows.push([model, ` ${scenario} `, String(100 + i)])
      const key = `model=${model}, scenario=${scenario}`
      expected.set(key, (expected.get(key) ?? 0) + 1)
    }
    const result = await analyzeTables('groups.csv', [table(['model', 'scenario', 'latency_ms'], rows)], { maxSeries: 10_000 })
    const actual = new Map(result.series.map(series => [series.seriesKey, series.stats?.n ?? 0]))
    assert.deepEqual(actual, expected)
  })

  it('series in order of first row', async () => {
    const rows: CellValue[][] = [
      ['b', '1'],
      ['a', '2'],
      ['c', '3'],
      ['a', '4'],
      ['b', '5']
    ]
    const result = await analyzeTables('groups.csv', [table(['model', 'latency_ms'], rows)], { maxSeries: 10_000 })
    assert.deepEqual(
      result.series.map(series => series.seriesKey),
      ['model=b', 'model=a', 'model=c']
    )
  })

  it('limit counts left-out series', async () => {
    const rows: CellValue[][] = []
    for (let i = 0; i < 30; i++) rows.push([`m${i % 12}`, `s${i % 2}`, String(i)])
    const result = await analyzeTables('groups.csv', [table(['model', 'scenario', 'latency_ms'], rows)], { maxSeries: 5 })
    // Pairs (m0,s0) (m1,s1) ... (m4,s0) come first; the other 7 of the 12 pairs are left out.
    assert.equal(result.series.length, 5)
    const warning = result.warnings.find(entry => entry.code === 'max-series')
    assert.match(warning?.message ?? '', /: 7 further series \(15 rows\) were left out\./)
  })
})
