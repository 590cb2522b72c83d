/** Markdown table and wording helpers shared by the report sections. */
import { formatChange, formatCount } from '../../format.js'

/** Column alignment: numbers are right-aligned so their digits line up. */
export type Alignment = 'left' | 'right'

/** Renders the header and delimiter rows of a GFM table. Cells must already be escaped. */
export function tableHeader(columns: string[], alignments: Alignment[] = []): string {
  const delimiters = columns.map((_, index) => (alignments[index] === 'right' ? '---:' : '---'))
  return `${tableRow(columns)}\n${tableRow(delimiters)}`
}

/** Renders one table row. Cells must already be escaped. */
export function tableRow(cells: string[]): string {
  return `| ${cells.join(' | ')} |`
}

/** Placeholder for a cell that has no value, as opposed to a value of zero. */
export const EMPTY_CELL = '—'

/** Writes `count noun` with the noun in plural form unless the count is 1, such as `1 regression` or `1,399 series`. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : plural}`
}

/** Formats a fraction as a percentage without sign, such as `10.0 %` for a threshold of 0.1. */
export function formatPercent(fraction: number): string {
  return formatChange(fraction).replace(/^[+-]/, '')
}
