/**
 * Start-up: the bundle's size, and the time from spawn to exit of the action on an
 * empty workspace against `node -e ""`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { bundlePath, repoRoot, runAction } from '../../test/support/action-runner.js'
import type { BenchContext } from '../context.js'
import { describeRepetitions, makeTemporaryFolder, maxOrNull, measurePaired, median, removeTemporaryFolder, runNodeChild } from '../measure.js'
import { figure, type Outcome } from '../results.js'
import { timeAction, toMegabytes } from '../subjects.js'

const BUDGET_MS = 2 * 60 * 1000
const CHILD_TIMEOUT_MS = 60_000
const loadedFilesProbeUrl = pathToFileURL(join(import.meta.dirname, 'loaded-files-probe.mjs')).href

export async function benchStartup(context: BenchContext): Promise<Outcome> {
  const workspace = makeTemporaryFolder('startup')
  try {
    const samples = await measurePaired({
      repetitions: context.repetitions,
      warmUp: context.warmUp,
      budgetMs: BUDGET_MS,
      subject: () => timeAction({ workspace, inputs: { narrative: 'off', comment: 'never' }, timeoutMs: CHILD_TIMEOUT_MS }),
      floor: async () => {
        const run = await runNodeChild(['-e', ''], { timeoutMs: CHILD_TIMEOUT_MS })
        if (run.exitCode !== 0) throw new Error(`node -e "" exited with ${run.exitCode}: ${run.stderr}`)
        return run
      },
      onRepetition: (index, sample) => context.progress(`startup ${index + 1}: action ${sample.subjectMs.toFixed(0)} ms, node ${sample.floorMs.toFixed(0)} ms`)
    })

    const actionMs = median(samples.map(sample => sample.subjectMs))
    const nodeMs = median(samples.map(sample => sample.floorMs))
    const bundleBytes = statSync(bundlePath).size
    const distBytes = folderSize(join(repoRoot, 'dist'), name => name !== 'cli')
    const loadedBytes = await measureLoadedBytes(workspace)
    return {
      status: 'done',
      reason: null,
      setup: [
        'Action: dist/index.js on an empty folder (no git repository, no artifacts), narrative off, comment never.',
        `Floor: node -e "". ${describeRepetitions(samples, context.warmUp)}`
      ],
      figures: [
        figure('startup.time-ratio', 'action / node -e "", time', actionMs / nodeMs, '×'),
        figure('startup.action-ms', 'action, median time', actionMs, 'ms'),
        figure('startup.node-ms', 'node -e "", median time', nodeMs, 'ms'),
        figure('startup.bundle-mb', 'dist/index.js size', toMegabytes(bundleBytes), 'MB'),
        figure('startup.dist-mb', 'dist/ size, without dist/cli', toMegabytes(distBytes), 'MB', null, 'every file the action may load: the bundle, its chunks and licenses.txt'),
        figure(
          'startup.loaded-mb',
          'dist/ loaded by this run',
          toMegabytes(loadedBytes),
          'MB',
          null,
          'dist/index.js and the chunks that a run without comment or narrative loads, from one untimed run'
        ),
        figure('startup.action-peak-rss-mb', 'action, peak RSS', toMegabytes(maxOrNull(samples.map(sample => sample.subjectRssBytes))), 'MB'),
        figure('startup.node-peak-rss-mb', 'node -e "", peak RSS', toMegabytes(maxOrNull(samples.map(sample => sample.floorRssBytes))), 'MB')
      ],
      samples: { bundleBytes, distBytes, loadedBytes, repetitions: samples }
    }
  } finally {
    removeTemporaryFolder(workspace)
  }
}

/**
 * Runs the action once more, untimed, with a probe that records the modules it
 * loads. Returns the total size of those under dist/, or null when the probe
 * wrote nothing.
 */
async function measureLoadedBytes(workspace: string): Promise<number | null> {
  const scratch = makeTemporaryFolder('loaded')
  const listPath = join(scratch, 'loaded-files')
  try {
    await runAction({
      workspace,
      inputs: { narrative: 'off', comment: 'never' },
      env: { NODE_OPTIONS: `--import=${loadedFilesProbeUrl}`, BENCH_LOADED_FILES: listPath },
      timeoutMs: CHILD_TIMEOUT_MS
    })
    if (!existsSync(listPath)) return null
    const distFolder = join(repoRoot, 'dist')
    let bytes = 0
    for (const url of readFileSync(listPath, 'utf8').split('\n')) {
      if (!url.startsWith('file:')) continue
      const path = fileURLToPath(url)
      if (path.startsWith(`${distFolder}/`)) bytes += statSync(path).size
    }
    return bytes
  } finally {
    removeTemporaryFolder(scratch)
  }
}

/** Total size of the files under `folder`, skipping top-level entries that `keep` rejects. */
function folderSize(folder: string, keep: (name: string) => boolean): number {
  let bytes = 0
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: false })) {
    if (!keep(entry.name)) continue
    const path = join(folder, entry.name)
    bytes += entry.isDirectory() ? folderSize(path, () => true) : statSync(path).size
  }
  return bytes
}
