import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { analyzeCollection, type FileOutcome } from '../src/analyze/index.js'
import type { ArtifactFile, Collection } from '../src/collect/types.js'
import { MemoryLogger } from '../src/logger.js'

function collectionOf(workspace: string, blob: string | null): Collection {
  const absolutePath = join(workspace, 'reports/latency.csv')
  const file: ArtifactFile = {
    path: 'reports/latency.csv',
    absolutePath,
    realPath: absolutePath,
    format: 'csv',
    size: statSync(absolutePath, { throwIfNoEntry: false })?.size ?? 0,
    modifiedAt: null,
    timeSource: 'unknown',
    blob
  }
  return { workspace, files: [file], skipped: [], foundByExtension: { csv: 1 }, history: 'git', warnings: [] }
}

describe('analysis cache by blob', () => {
  it('unchanged blob is parsed once', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'obr-cache-'))
    try {
      mkdirSync(join(workspace, 'reports'))
      writeFileSync(join(workspace, 'reports/latency.csv'), 'series,latency_ms\nchat,100\nchat,110\nchat,120\n')
      const cache = new Map<string, FileOutcome>()
      const head = await analyzeCollection(collectionOf(workspace, 'abc123'), { maxSeries: 100, cache }, new MemoryLogger())

      // The base pass finds the same blob at the same path: the file is not read again, so removing it changes nothing.
      const collection = collectionOf(workspace, 'abc123')
      rmSync(join(workspace, 'reports/latency.csv'))
      const base = await analyzeCollection(collection, { maxSeries: 100, cache }, new MemoryLogger())

      assert.equal(base.series.length, 1)
      assert.equal(base.series[0], head.series[0])
      assert.equal(base.series[0].stats?.mean, 110)
    } finally {
      rmSync(workspace, { recursive: true, force: true })
    }
  })

  it('file without blob is always read', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'obr-cache-'))
    try {
      mkdirSync(join(workspace, 'reports'))
      writeFileSync(join(workspace, 'reports/latency.csv'), 'series,latency_ms\nchat,100\n')
      const cache = new Map<string, FileOutcome>()
      await analyzeCollection(collectionOf(workspace, null), { maxSeries: 100, cache }, new MemoryLogger())
      writeFileSync(join(workspace, 'reports/latency.csv'), 'series,latency_ms\nchat,200\n')
      const second = await analyzeCollection(collectionOf(workspace, null), { maxSeries: 100, cache }, new MemoryLogger())
      assert.equal(cache.size, 0)
      assert.equal(second.series[0].stats?.mean, 200)
    } finally {
      rmSync(workspace, { recursive: true, force: true })
    }
  })
})
