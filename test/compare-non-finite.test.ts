/**
 * Compare entry notes for head samples that the analyze stage dropped because they
 * were NaN or infinite: the reader of the comparison tables sees why n is smaller.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { SeriesMetric } from '../src/analyze/types.js'
import { compareAnalyses } from '../src/compare/index.js'
import type { BaselineSource, SeriesComparison } from '../src/compare/types.js'
import { MemoryLogger } from '../src/logger.js'
import { analysis, gateSettings, series } from './support/compare-fixtures.js'

const BASELINE: BaselineSource = { kind: 'path', ref: 'baseline', reason: null }

async function compareOne(head: SeriesMetric, base: SeriesMetric): Promise<SeriesComparison> {
  const comparison = await compareAnalyses(analysis([head]), analysis([base]), BASELINE, gateSettings(), process.cwd(), new MemoryLogger())
  assert.equal(comparison.entries.length, 1)
  return comparison.entries[0]
}

describe('compare notes on non-finite samples', () => {
  it('counts dropped head samples', async () => {
    const head = { ...series({ samples: [100, 101, 102, 103, 104] }), droppedNonFinite: 4 }
    const entry = await compareOne(head, series({ samples: [100, 101, 102, 103, 104] }))
    assert.ok(entry.notes.includes('4 non-finite head samples dropped'), entry.notes.join('; '))
  })

  it('one dropped sample singular', async () => {
    const head = { ...series({ samples: [100, 101, 102] }), droppedNonFinite: 1 }
    const entry = await compareOne(head, series({ samples: [100, 101, 102] }))
    assert.ok(entry.notes.includes('1 non-finite head sample dropped'), entry.notes.join('; '))
  })

  it('all head samples non-finite', async () => {
    const head = { ...series({ samples: [] }), droppedNonFinite: 5 }
    const entry = await compareOne(head, series({ samples: [100, 101, 102] }))
    assert.equal(entry.state, 'no-data')
    assert.ok(entry.notes.includes('the head run has no valid samples: 5 non-finite values dropped'), entry.notes.join('; '))
  })

  it('no note without dropped samples', async () => {
    const entry = await compareOne(series({ samples: [100, 101, 102] }), series({ samples: [100, 101, 102] }))
    assert.ok(!entry.notes.some(note => note.includes('non-finite')), entry.notes.join('; '))
  })
})
