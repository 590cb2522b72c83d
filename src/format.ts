/**
 * Number formatting shared by the report and the narrative's facts. The number
 * check compares the model's numbers with these strings, so both must use them.
 */

/**
 * Formats a measured value with a precision that depends on its size: one decimal
 * from 100 up, two from 1, four below 1, and three significant digits below 0.01.
 * Returns 'n/a' for null and non-finite values.
 */
export function formatValue(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return 'n/a'
  const magnitude = Math.abs(value)
  if (magnitude === 0) return '0'
  if (magnitude >= 100) return value.toFixed(1)
  if (magnitude >= 1) return value.toFixed(2)
  if (magnitude >= 0.01) return value.toFixed(4)
  return value.toPrecision(3)
}

/** Formats a value with its unit, such as `566.7 ms` or `101.5 tokens/s`. */
export function formatWithUnit(value: number | null, unit: string): string {
  const text = formatValue(value)
  return unit === '' || text === 'n/a' ? text : `${text} ${unit}`
}

/**
 * Formats a relative change given as a fraction (0.073 is +7.3 %) with a sign and
 * one decimal. Returns 'n/a' when the change is undefined (a zero base).
 */
export function formatChange(change: number | null): string {
  if (change === null || !Number.isFinite(change)) return 'n/a'
  const percent = change * 100
  const rounded = percent.toFixed(1)
  // -0.04 rounds to "-0.0"; show it as unsigned zero.
  if (Number(rounded) === 0) return '0.0 %'
  return `${percent > 0 ? '+' : ''}${rounded} %`
}

/**
 * Formats a count with digit grouping, such as `1,399`. It is written out because
 * `toLocaleString('en-US')` is slow enough to show in profiles of large reports.
 * Fractions keep up to three decimals, as that call does.
 */
export function formatCount(count: number): string {
  if (!Number.isFinite(count)) return String(count)
  const [whole, fraction] = String(Math.round(Math.abs(count) * 1000) / 1000).split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${count < 0 ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`
}

/** Formats a p-value with three significant digits, or '< 0.001'. */
export function formatPValue(pValue: number | null): string {
  if (pValue === null) return 'no test'
  if (pValue < 0.001) return '< 0.001'
  return pValue.toPrecision(3)
}
