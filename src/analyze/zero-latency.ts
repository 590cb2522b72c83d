/**
 * Latency values of exactly 0. A benchmark that skips a phase often still writes its
 * duration as 0 (an eager back end has `compile_time_s: 0` and `compilation: null`):
 * such a 0 is "not applicable", not a measured 0 ms. Other zeros are kept but flagged.
 */
import type { CellValue } from '../collect/types.js'
import { isPhaseWord, splitName } from './columns.js'
import { readCell, readPlainNumber } from './numbers.js'

/** Strips common English suffixes so `compile`, `compiled` and `compilation` share one stem. */
function stemOf(word: string): string {
  return word.replace(/(ation|ing|ed|e|s)$/, '')
}

/**
 * Returns the columns that hold the data of the phase a latency column times: columns whose
 * first dotted segment has the stem of a word of the latency's name, such as `compilation`
 * and `compilation.backend` for `benchmark.metadata.compile_time_s`. Empty when there are none.
 */
export function findPhaseColumns(columns: readonly string[], latencyIndex: number): number[] {
  const stems = new Set(
    splitName(columns[latencyIndex])
      .words.filter(isPhaseWord)
      .map(stemOf)
      .filter(stem => stem.length >= 4)
  )
  if (stems.size === 0) return []

  const found: number[] = []
  columns.forEach((name, index) => {
    if (index === latencyIndex) return
    const first = splitName(name.split('.')[0]).words
    if (first.length === 1 && stems.has(stemOf(first[0]))) found.push(index)
  })
  return found
}

/** Returns true when the cell holds the number 0, with or without a unit (`0`, `0.0`, `0 ms`). */
export function isZeroCell(cell: CellValue): boolean {
  if (cell === 0) return true
  if (typeof cell !== 'string') return false
  const plain = readPlainNumber(cell)
  if (!Number.isNaN(plain)) return plain === 0
  const reading = readCell(cell, false)
  return reading.type === 'number' && reading.value === 0
}

/** Returns true when every phase column of the row is empty, so the phase did not run. */
export function phaseMissing(cells: readonly CellValue[], phaseColumns: readonly number[]): boolean {
  return phaseColumns.length > 0 && phaseColumns.every(index => isEmpty(cells[index] ?? null))
}

function isEmpty(cell: CellValue): boolean {
  return cell === null || (typeof cell === 'string' && cell.trim() === '')
}
