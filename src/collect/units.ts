/**
 * Recognises a units row: the row under a CSV header that names each column's unit
 * (`,ms,s,tokens/s`), as profiler exports such as Nsight Compute's write it.
 */

// Bases that take an SI or binary prefix: `ms`, `nsecond`, `Kbyte`, `GiB`, `MHz`, `TFLOPS`.
const PREFIXED_BASES = 's|sec|secs|second|seconds|b|bit|bits|byte|bytes|hz|w|watt|watts|j|joule|joules|v|flop|flops|op|ops'
const PREFIXES = 'n|u|µ|μ|m|c|k|M|G|T|P|Ki|Mi|Gi|Ti'
// Units and counted things that stand alone.
const WORDS = [
  'min|mins|minute|minutes|h|hr|hrs|hour|hours|day|days',
  '%|percent|pct|x|ratio|fraction|count|#|°c|degc|celsius|rpm|px|pixel|pixels',
  'token|tokens|tok|toks|req|reqs|request|requests|query|queries|qps|rps|tps|fps',
  'iter|iters|iteration|iterations|it|sample|samples|item|items|call|calls|event|events',
  'inst|insts|instruction|instructions|warp|warps|block|blocks|thread|threads|cycle|cycles',
  'register|registers|sector|sectors|sm|pass|passes|frame|frames|step|steps|epoch|epochs',
  'batch|batches|row|rows|record|records|line|lines|char|chars|character|characters|word|words|image|images|img'
].join('|')

const ATOM = `(?:(?:${PREFIXES})?(?:${PREFIXED_BASES})|${WORDS})`
const UNIT = new RegExp(`^[([]?\\s*${ATOM}(?:\\s*(?:/|\\*|·|\\bper\\b)\\s*${ATOM})*\\s*[)\\]]?$`, 'i')

/** Tells whether `cell` is a unit such as `ms`, `tokens/s`, `(ms)` or `Kbyte/block`. */
export function isUnit(cell: string): boolean {
  const text = cell.trim()
  return text.length > 0 && text.length <= 32 && UNIT.test(text)
}

/**
 * Returns the units of a row when every cell is a unit or empty and at least one
 * is a unit. Returns null for an ordinary data row.
 */
export function readUnitsRow(cells: readonly string[]): (string | null)[] | null {
  let units = 0
  for (const cell of cells) {
    if (cell.trim() === '') continue
    if (!isUnit(cell)) return null
    units++
  }
  if (units === 0) return null
  return cells.map(cell => (cell.trim() === '' ? null : cell.trim()))
}
