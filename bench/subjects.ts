/**
 * The commands the benchmarks time: the bundled action as a runner starts it, the
 * command-line preview, and the floors that only read and parse.
 */
import { readdirSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { repoRoot, runAction, type ActionResult, type ActionRunOptions } from '../test/support/action-runner.js'
import { benchRoot, makeTemporaryFolder, peakRssEnvironment, removeTemporaryFolder, runNodeChild, takePeakRss, type ChildRun } from './measure.js'

export const cliPath = join(repoRoot, 'dist/cli/index.js')
const readParseFloor = join(benchRoot, 'floor/read-parse.mjs')
const csvParseFloor = join(benchRoot, 'floor/csv-parse-only.mjs')

/** Extensions the action reads; the floors read the same files. */
const ARTIFACT_EXTENSIONS = new Set(['csv', 'tsv', 'json', 'jsonl', 'ndjson', 'md', 'markdown'])

/** A timed run of the action, with what the runner would read back. */
export interface TimedAction {
  durationMs: number
  peakRssBytes: number | null
  result: ActionResult
}

/**
 * Runs dist/index.js through the test suite's runner with the peak-RSS probe and
 * throws when its exit code is not `expectedExitCode`.
 */
export async function timeAction(options: ActionRunOptions, expectedExitCode = 0): Promise<TimedAction> {
  const scratch = makeTemporaryFolder('action')
  const rssFile = join(scratch, 'peak-rss')
  try {
    const result = await runAction({ ...options, env: { ...options.env, ...peakRssEnvironment(rssFile) } })
    if (result.exitCode !== expectedExitCode) {
      throw new Error(`dist/index.js exited with ${result.exitCode} (expected ${expectedExitCode}).\nstdout (end):\n${result.stdout.slice(-2000)}\nstderr (end):\n${result.stderr.slice(-2000)}`)
    }
    return { durationMs: result.durationMs, peakRssBytes: takePeakRss(rssFile), result }
  } finally {
    removeTemporaryFolder(scratch)
  }
}

/** Runs the command-line preview on `folder` with `--input` assignments and further options; throws unless it exits with 0. */
export async function timePreview(folder: string, inputs: Record<string, string>, timeoutMs: number, options: string[] = []): Promise<ChildRun> {
  const args = [cliPath, ...options]
  for (const [name, value] of Object.entries(inputs)) args.push('--input', `${name}=${value}`)
  args.push(folder)
  const run = await runNodeChild(args, { timeoutMs })
  if (run.exitCode !== 0) throw new Error(`dist/cli/index.js exited with ${run.exitCode}.\nstderr (end):\n${run.stderr.slice(-2000)}`)
  return run
}

/** Lists the artifact files under `root` by absolute path, sorted, skipping `.git`. */
export function listArtifactFiles(root: string): { paths: string[]; bytes: number } {
  const paths: string[] = []
  let bytes = 0
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name === '.git') continue
      const path = join(folder, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.isFile() && ARTIFACT_EXTENSIONS.has(entry.name.slice(entry.name.lastIndexOf('.') + 1).toLowerCase())) {
        paths.push(path)
        bytes += statSync(path).size
      }
    }
  }
  walk(root)
  paths.sort((a, b) => (relative(root, a) < relative(root, b) ? -1 : 1))
  return { paths, bytes }
}

/** Writes the list file that the read-and-parse floor takes. */
export function writeFileList(folder: string, paths: readonly string[]): string {
  const listPath = join(folder, 'floor-files.txt')
  writeFileSync(listPath, `${paths.join('\n')}\n`)
  return listPath
}

/** Runs the read-and-parse floor on the files of a list; throws unless it exits with 0. */
export async function timeReadParseFloor(listPath: string, timeoutMs: number): Promise<ChildRun> {
  const run = await runNodeChild([readParseFloor, listPath], { timeoutMs })
  if (run.exitCode !== 0) throw new Error(`The read-and-parse floor exited with ${run.exitCode}: ${run.stderr.slice(-2000)}`)
  return run
}

/** Runs csv-parse alone on one file; throws unless it exits with 0. */
export async function timeCsvParseFloor(path: string, timeoutMs: number): Promise<ChildRun> {
  const run = await runNodeChild([csvParseFloor, path], { timeoutMs })
  if (run.exitCode !== 0) throw new Error(`The csv-parse floor exited with ${run.exitCode}: ${run.stderr.slice(-2000)}`)
  return run
}

/** Bytes per megabyte in this suite's figures: 2^20, so that 1024 MB is 1 GiB. */
export const MB = 2 ** 20

export function toMegabytes(bytes: number | null): number | null {
  return bytes === null ? null : bytes / MB
}
