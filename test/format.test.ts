import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { formatChange, formatCount, formatPValue, formatValue, formatWithUnit } from '../src/format.js'

describe('number formatting', () => {
  const counts: [number, string][] = [
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [1399, '1,399'],
    [1234567, '1,234,567'],
    [-4500, '-4,500'],
    [12.5, '12.5'],
    [0.1234, '0.123']
  ]
  for (const [count, expected] of counts) {
    it(`count ${count} reads ${expected}`, () => assert.equal(formatCount(count), expected))
  }

  const values: [number | null, string][] = [
    [null, 'n/a'],
    [Number.NaN, 'n/a'],
    [0, '0'],
    [295, '295.0'],
    [1886.84, '1886.8'],
    [12.345, '12.35'],
    [0.566692, '0.5667'],
    [0.0045, '0.00450']
  ]
  for (const [value, expected] of values) {
    it(`value ${value} reads ${expected}`, () => assert.equal(formatValue(value), expected))
  }

  it('value with unit', () => {
    assert.equal(formatWithUnit(566.692, 'ms'), '566.7 ms')
    assert.equal(formatWithUnit(null, 'ms'), 'n/a')
    assert.equal(formatWithUnit(4096, ''), '4096.0')
  })

  it('change has sign and one decimal', () => {
    assert.equal(formatChange(0.0727), '+7.3 %')
    assert.equal(formatChange(-0.2), '-20.0 %')
    assert.equal(formatChange(-0.0004), '0.0 %')
    assert.equal(formatChange(null), 'n/a')
  })

  it('p-value has three digits', () => {
    assert.equal(formatPValue(0.05556), '0.0556')
    assert.equal(formatPValue(0.0004), '< 0.001')
    assert.equal(formatPValue(null), 'no test')
  })
})
