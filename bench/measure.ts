/**
 * Times child processes from spawn to exit and reads their peak resident set size,
 * and keeps the temporary folders of a run so that they are removed even when the
 * run is interrupted.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export const benchRoot = dirname(fileURLToPath(import.meta.url))
const probeUrl = pathToFileURL(join(benchRoot, 'peak-rss-probe.mjs')).href

/** Result of one timed child process. */
export interface ChildRun {
  exitCode: number
  /** Milliseconds from spawn to exit. */
  durationMs: number
  /** Peak resident set size in bytes as the child reported it at exit; null when it did not. */
  peakRssBytes: number | null
  stdout: string
  stderr: string
}

/** Largest amount of a child's stdout or stderr kept, in characters; the rest is counted, not stored. */
const MAX_CAPTURED_CHARACTERS = 1_000_000

const temporaryFolders = new Set<string>()

/** Creates a temporary folder that `removeTemporaryFolders` (or an interrupt) removes. */
export function makeTemporaryFolder(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), `obr-bench-${prefix}-`))
  temporaryFolders.add(folder)
  return folder
}

/** Registers a temporary folder made elsewhere (such as a test repository) for removal on interrupt. */
export function trackTemporaryFolder(folder: string): void {
  temporaryFolders.add(folder)
}

/** Removes one folder made by `makeTemporaryFolder` or registered with `trackTemporaryFolder`. */
export function removeTemporaryFolder(folder: string): void {
  rmSync(folder, { recursive: true, force: true })
  temporaryFolders.delete(folder)
}

/** Removes every folder made by `makeTemporaryFolder` that is still there. */
export function removeTemporaryFolders(): void {
  for (const folder of [...temporaryFolders]) removeTemporaryFolder(folder)
}

/**
 * Returns the environment variables that make a Node.js child write its peak RSS
 * into `file` at exit. They replace any inherited NODE_OPTIONS, so a loader of the
 * harness (tsx) never reaches the measured process.
 */
export function peakRssEnvironment(file: string): Record<string, string> {
  return { NODE_OPTIONS: `--import="${probeUrl}"`, BENCH_PEAK_RSS_FILE: file }
}

/** Reads and removes the file that the probe wrote; null when the child wrote none. */
export function takePeakRss(file: string): number | null {
  if (!existsSync(file)) return null
  const bytes = Number(readFileSync(file, 'utf8'))
  rmSync(file, { force: true })
  return Number.isFinite(bytes) && bytes > 0 ? bytes : null
}

export interface NodeChildOptions {
  cwd?: string
  env?: Record<string, string>
  timeoutMs: number
}

/**
 * Runs `node <args>` with the peak-RSS probe and waits for it to exit. A child that
 * outlives `timeoutMs` is killed and the promise rejects.
 */
export async function runNodeChild(args: string[], options: NodeChildOptions): Promise<ChildRun> {
  const scratch = makeTemporaryFolder('child')
  const rssFile = join(scratch, 'peak-rss')
  try {
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? scratch, ...options.env, ...peakRssEnvironment(rssFile) }
    const spawnedAt = performance.now()
    const child = spawn(process.execPath, args, { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    const stdout = capture(child.stdout)
    const stderr = capture(child.stderr)
    // 'close' (all output read) can come in the same tick as 'exit', so it is awaited from the start.
    const closed = new Promise(resolve => child.on('close', resolve))
    const { exitCode, durationMs } = await new Promise<{ exitCode: number; durationMs: number }>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL')
        reject(new Error(`node ${args.join(' ')} did not exit within ${options.timeoutMs} ms.`))
      }, options.timeoutMs)
      child.on('error', error => {
        clearTimeout(timer)
        reject(error)
      })
      child.on('exit', code => {
        const durationMs = performance.now() - spawnedAt
        clearTimeout(timer)
        resolve({ exitCode: code ?? -1, durationMs })
      })
    })
    await closed
    return { exitCode, durationMs, peakRssBytes: takePeakRss(rssFile), stdout: stdout.text(), stderr: stderr.text() }
  } finally {
    removeTemporaryFolder(scratch)
  }
}

function capture(stream: NodeJS.ReadableStream): { text: () => string } {
  let text = ''
  let dropped = 0
  stream.setEncoding('utf8')
  stream.on('data', (chunk: string) => {
    const room = MAX_CAPTURED_CHARACTERS - text.length
    if (room >= chunk.length) text += chunk
    else {
      text += chunk.slice(0, Math.max(0, room))
      dropped += chunk.length - Math.max(0, room)
    }
  })
  return { text: () => (dropped === 0 ? text : `${text}\n[${dropped} more characters not kept]`) }
}

/** Describes how the medians were taken, for a benchmark's setup lines. */
export function describeRepetitions(samples: readonly PairedSample[], warmUp: boolean): string {
  const runs = samples.length === 1 ? 'One timed run of each' : `Medians of ${samples.length} alternating runs`
  return `${runs} ${warmUp ? 'after one warm-up each' : 'without a warm-up (--quick)'}.`
}

/** Median of a non-empty list (the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of an empty list')
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** Largest value of a list, ignoring nulls; null when there is none. */
export function maxOrNull(values: readonly (number | null)[]): number | null {
  const known = values.filter((value): value is number => value !== null)
  return known.length === 0 ? null : Math.max(...known)
}

/** One repetition's times of the measured command and of its floor, in milliseconds. */
export interface PairedSample {
  subjectMs: number
  floorMs: number
  subjectRssBytes: number | null
  floorRssBytes: number | null
}

export interface PairedOptions {
  repetitions: number
  /** Repetitions stop once this much time has passed after the first one; at least one always runs. */
  budgetMs: number
  /** Runs the measured command once; throws when it fails. */
  subject: () => Promise<{ durationMs: number; peakRssBytes: number | null }>
  /** Runs the floor once; throws when it fails. */
  floor: () => Promise<{ durationMs: number; peakRssBytes: number | null }>
  /** Whether the measured command and the floor run once untimed before the timed repetitions. */
  warmUp: boolean
  /** Untimed first run of the measured command, such as a run that counts git calls; it runs even without `warmUp`. */
  warmUpSubject?: () => Promise<unknown>
  /** Called after each repetition, for progress lines. */
  onRepetition?: (index: number, sample: PairedSample) => void
}

/**
 * Runs the measured command and its floor alternately, after one untimed warm-up of
 * each, so that a change of machine load during the run affects both alike.
 */
export async function measurePaired(options: PairedOptions): Promise<PairedSample[]> {
  if (options.warmUpSubject !== undefined) await options.warmUpSubject()
  else if (options.warmUp) await options.subject()
  if (options.warmUp) await options.floor()

  const samples: PairedSample[] = []
  const started = performance.now()
  for (let index = 0; index < options.repetitions; index++) {
    if (index > 0 && performance.now() - started > options.budgetMs) break
    const subject = await options.subject()
    const floor = await options.floor()
    const sample = { subjectMs: subject.durationMs, floorMs: floor.durationMs, subjectRssBytes: subject.peakRssBytes, floorRssBytes: floor.peakRssBytes }
    samples.push(sample)
    options.onRepetition?.(index, sample)
  }
  return samples
}
