/**
 * Mermaid charts for the report. GitHub renders fenced `mermaid` blocks in
 * comments and job summaries, and shows the source where it cannot, so every
 * chart sits next to a table with the same numbers.
 */
import { toSingleLine } from './escape.js'

/** One series in a base-versus-head chart, in the chart's unit. */
export interface ChartBar {
  label: string
  base: number
  head: number
}

/** A bar chart of one statistic, base against head, for series that share a unit. */
export interface ComparisonChart {
  title: string
  /** Unit of every value, the y-axis title. */
  unit: string
  bars: ChartBar[]
}

/** Maximum length of a category label, in characters. Longer labels are shortened in the middle. */
export const MAX_LABEL_LENGTH = 40

/**
 * Makes text safe inside a double-quoted Mermaid string on one line. The xychart
 * grammar ends a string at the next `"` and has no escape for it, and backticks
 * start a Markdown string. Angle brackets and `&` are replaced too, so a label
 * never reaches Mermaid's HTML sanitiser as markup or an entity.
 */
export function mermaidString(text: string, maxLength = MAX_LABEL_LENGTH): string {
  const cleaned = toSingleLine(text)
    .replace(/["`]/g, "'")
    .replace(/</g, '‹')
    .replace(/>/g, '›')
    .replace(/&/g, '+')
    // %% starts a Mermaid comment. Mermaid 12.3 reads it as text inside a string, but a single % does not depend on that.
    .replace(/%{2,}/g, '%')
    .replace(/\s+/g, ' ')
    .trim()
  return shortenMiddle(cleaned, maxLength)
}

function shortenMiddle(text: string, maxLength: number): string {
  const characters = Array.from(text)
  if (characters.length <= maxLength) return text
  const keep = maxLength - 1
  const headLength = Math.ceil(keep / 2)
  return `${characters.slice(0, headLength).join('')}…${characters.slice(characters.length - (keep - headLength)).join('')}`
}

/**
 * Formats a number as the xychart grammar accepts it: plain decimal notation,
 * no exponent (JavaScript writes 1e-7 and 1e21 in exponent form).
 */
export function mermaidNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`Chart value must be finite, got ${value}.`)
  const rounded = Number(value.toPrecision(6))
  const text = String(rounded)
  if (!/e/i.test(text)) return text
  // toFixed also switches to exponent form from 1e21 up, so BigInt prints the digits.
  if (Math.abs(rounded) >= 1e21) return BigInt(rounded).toString()
  return rounded.toFixed(20).replace(/\.?0+$/, '')
}

/**
 * Renders a horizontal `xychart-beta` bar chart inside a Markdown code fence.
 * Each series gets two categories, base and head, each drawn in its own bar
 * dataset: xychart draws datasets on top of each other, so putting base and head
 * on separate categories is what keeps both visible. Returns '' for a chart
 * without bars or whose values are not all finite.
 */
export function renderComparisonChart(chart: ComparisonChart): string {
  const bars = chart.bars.filter(bar => Number.isFinite(bar.base) && Number.isFinite(bar.head))
  if (bars.length === 0 || bars.length !== chart.bars.length) return ''

  const labels = uniqueLabels(bars.map(bar => mermaidString(bar.label, MAX_LABEL_LENGTH - 7)))
  const categories: string[] = []
  const baseValues: string[] = []
  const headValues: string[] = []
  bars.forEach((bar, index) => {
    categories.push(`"${labels[index]} (base)"`, `"${labels[index]} (head)"`)
    baseValues.push(mermaidNumber(bar.base), '0')
    headValues.push('0', mermaidNumber(bar.head))
  })

  const low = Math.min(0, ...bars.map(bar => Math.min(bar.base, bar.head)))
  const high = Math.max(...bars.map(bar => Math.max(bar.base, bar.head)))
  if (high <= low) return ''
  // Bars start at the axis minimum, so the axis starts at zero (or below, for negative values) to keep lengths honest.
  const top = high + (high - low) * 0.05

  return [
    '```mermaid',
    'xychart-beta horizontal',
    `  title "${mermaidString(chart.title, 80)}"`,
    `  x-axis [${categories.join(', ')}]`,
    `  y-axis "${mermaidString(chart.unit, 20)}" ${mermaidNumber(low)} --> ${mermaidNumber(top)}`,
    `  bar [${baseValues.join(', ')}]`,
    `  bar [${headValues.join(', ')}]`,
    '```'
  ].join('\n')
}

/** Appends ` (2)`, ` (3)`… to repeated labels: the chart's category axis merges equal names. */
function uniqueLabels(labels: string[]): string[] {
  const seen = new Map<string, number>()
  const used = new Set(labels)
  return labels.map(label => {
    const count = (seen.get(label) ?? 0) + 1
    seen.set(label, count)
    if (count === 1) return label
    let candidate = `${label} (${count})`
    while (used.has(candidate)) candidate = `${candidate}'`
    used.add(candidate)
    return candidate
  })
}
