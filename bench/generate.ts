/**
 * Generates the synthetic artifacts of the scaling benchmarks: one large CSV of
 * per-request results, and many small CSV and JSON files in nested folders. The
 * values come from a seeded generator, so every run reads the same bytes.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { seededRandom } from '../test/support/seeded-random.js'

const MODELS = ['gemma3:4b', 'gemma3:12b', 'llama3.1:8b', 'qwen2.5:7b'] as const
const SCENARIOS = ['chat', 'code', 'summarize'] as const
const LARGE_CSV_HEADER = 'timestamp,model,scenario,ttft_ms,latency_ms,tokens_per_s,prompt_tokens,eval_count,error\n'
/** One request in this many fails: zeros in the numbers and the reason in `error`, as real load tests record it. */
const FAILED_REQUEST_EVERY = 10_000
const FAILURE_MESSAGE = '"HTTPConnectionPool(host=\'127.0.0.1\', port=11434): Read timed out. (read timeout=120)"'
/** Bytes written per write call. */
const WRITE_CHUNK_BYTES = 4 * 1024 * 1024

/** Summary of a generated large CSV. */
export interface LargeCsv {
  path: string
  bytes: number
  /** Data rows, the header not counted. */
  rows: number
  failedRows: number
}

/**
 * Writes a CSV of per-request results of at least `targetBytes` bytes: an ISO 8601
 * timestamp with a UTC offset, model, scenario, latency and throughput columns,
 * and an error column that is empty except on the rows of failed requests.
 */
export function writeLargeCsv(path: string, targetBytes: number): LargeCsv {
  const random = seededRandom(20251008)
  const descriptor = openSync(path, 'w')
  let bytes = 0
  let rows = 0
  let failedRows = 0
  let pending = LARGE_CSV_HEADER
  let timeMs = Date.parse('2025-10-08T12:00:00Z')
  try {
    while (bytes + pending.length < targetBytes) {
      rows++
      timeMs += 40 + Math.floor(random() * 20)
      const model = MODELS[rows % MODELS.length]
      const scenario = SCENARIOS[Math.floor(random() * SCENARIOS.length)]
      const stamp = new Date(timeMs).toISOString()
      if (rows % FAILED_REQUEST_EVERY === 0) {
        failedRows++
        pending += `${stamp},${model},${scenario},0,0,0,0,0,${FAILURE_MESSAGE}\n`
      } else {
        const ttft = 80 + random() * 60 + (random() < 0.01 ? random() * 900 : 0)
        const tokens = 64 + Math.floor(random() * 448)
        const rate = 35 + random() * 15
        const latency = ttft + (tokens / rate) * 1000
        const prompt = 32 + Math.floor(random() * 992)
        pending += `${stamp},${model},${scenario},${ttft.toFixed(2)},${latency.toFixed(2)},${rate.toFixed(2)},${prompt},${tokens},\n`
      }
      if (pending.length >= WRITE_CHUNK_BYTES) {
        bytes += writeSync(descriptor, pending)
        pending = ''
      }
    }
    bytes += writeSync(descriptor, pending)
  } finally {
    closeSync(descriptor)
  }
  return { path, bytes, rows, failedRows }
}

/** Summary of a generated tree of small files. */
export interface ManyFiles {
  /** Workspace-relative paths with `/`, in creation order. */
  paths: string[]
  bytes: number
}

/** Files per innermost folder, and innermost folders per suite folder. */
const FILES_PER_FOLDER = 20
const FOLDERS_PER_SUITE = 25

/**
 * Writes `count` small artifacts under `root/artifacts/suite-NN/run-NNN/`: every
 * second file a CSV of 10 requests, the others a JSON summary with 10 results.
 */
export function writeManyFiles(root: string, count: number): ManyFiles {
  const random = seededRandom(424242)
  const paths: string[] = []
  let bytes = 0
  let madeFolder = ''
  for (let index = 0; index < count; index++) {
    const folderIndex = Math.floor(index / FILES_PER_FOLDER)
    const suite = `suite-${String(Math.floor(folderIndex / FOLDERS_PER_SUITE)).padStart(2, '0')}`
    const run = `run-${String(folderIndex % FOLDERS_PER_SUITE).padStart(3, '0')}`
    const folder = `artifacts/${suite}/${run}`
    if (folder !== madeFolder) {
      mkdirSync(join(root, folder), { recursive: true })
      madeFolder = folder
    }
    const model = MODELS[index % MODELS.length]
    const isCsv = index % 2 === 0
    const relative = `${folder}/bench-${String(index).padStart(5, '0')}.${isCsv ? 'csv' : 'json'}`
    const text = isCsv ? smallCsv(random, model) : smallJson(random, model, index)
    writeFileSync(join(root, relative), text)
    paths.push(relative)
    bytes += Buffer.byteLength(text)
  }
  return { paths, bytes }
}

const SMALL_FILE_ROWS = 10

function smallCsv(random: () => number, model: string): string {
  const lines = ['timestamp,model,scenario,ttft_ms,latency_ms,tokens_per_s']
  let timeMs = Date.parse('2025-10-08T12:00:00Z') + Math.floor(random() * 86_400_000)
  for (let row = 0; row < SMALL_FILE_ROWS; row++) {
    timeMs += 1000
    const ttft = 80 + random() * 60
    const rate = 35 + random() * 15
    const latency = ttft + (256 / rate) * 1000
    lines.push(`${new Date(timeMs).toISOString()},${model},${SCENARIOS[row % SCENARIOS.length]},${ttft.toFixed(2)},${latency.toFixed(2)},${rate.toFixed(2)}`)
  }
  return `${lines.join('\n')}\n`
}

function smallJson(random: () => number, model: string, index: number): string {
  const results = Array.from({ length: SMALL_FILE_ROWS }, (_, row) => ({
    prompt: `prompt-${row}`,
    ttft_ms: Number((80 + random() * 60).toFixed(2)),
    latency_ms: Number((900 + random() * 400).toFixed(2)),
    tokens_per_s: Number((35 + random() * 15).toFixed(2))
  }))
  return `${JSON.stringify({ benchmark: `bench-${index}`, model, timestamp: '2025-10-08T12:00:00Z', results }, null, 2)}\n`
}
