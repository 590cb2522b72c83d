import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { analyzeCollection } from '../src/analyze/index.js'
import type { Collection } from '../src/collect/types.js'
import { MemoryLogger } from '../src/logger.js'

describe('analysis progress log', () => {
  it('long reads log progress lines', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'obr-progress-'))
    try {
      mkdirSync(join(workspace, 'reports'))
      const path = join(workspace, 'reports/latency.csv')
      const rows = Array.from({ length: 200_000 }, (_, index) => `chat,${100 + (index % 50)}`)
      writeFileSync(path, `series,latency_ms\n${rows.join('\n')}\n`)
      const collection: Collection = {
        workspace,
        files: [{ path: 'reports/latency.csv', absolutePath: path, realPath: path, format: 'csv', size: statSync(path).size, modifiedAt: null, timeSource: 'unknown', blob: null }],
        skipped: [],
        foundByExtension: { csv: 1 },
        history: 'filesystem',
        warnings: []
      }
      const log = new MemoryLogger()
      const analysis = await analyzeCollection(collection, { maxSeries: 10, progressIntervalMs: 5 }, log)

      assert.equal(analysis.series[0].stats?.n, 200_000)
      const lines = log.messages('info').filter(message => message.startsWith('Progress:'))
      assert.ok(lines.length >= 1, 'no progress line was logged')
      assert.match(lines[0], /0 of 1 files read, 0\.0 of \d+\.\d MB, \d+ s elapsed; reading reports\/latency\.csv \(\d+\.\d MB\)\./)
    } finally {
      rmSync(workspace, { recursive: true, force: true })
    }
  })
})
