/**
 * Real corpus: the whole action, narrative off, on the shared benchmark corpus in a
 * temporary git repository, against reading and parsing the same files alone.
 */
import { join } from 'node:path'
import { corpusMissing, corpusRoot, createTempRepository } from '../../test/support/action-runner.js'
import type { BenchContext } from '../context.js'
import {
  benchRoot,
  describeRepetitions,
  makeTemporaryFolder,
  maxOrNull,
  measurePaired,
  median,
  removeTemporaryFolder,
  runNodeChild,
  trackTemporaryFolder,
  type ChildRun
} from '../measure.js'
import { atMost, figure, skippedOutcome, type Outcome } from '../results.js'
import { listArtifactFiles, timeAction, timeReadParseFloor, toMegabytes, writeFileList } from '../subjects.js'

/** Whole runs of the action may take this long before the benchmark stops repeating them. */
const BUDGET_MS = 5 * 60 * 1000
const CHILD_TIMEOUT_MS = 120_000

export async function benchCorpus(context: BenchContext): Promise<Outcome> {
  const missing = corpusMissing()
  if (missing !== false) return skippedOutcome(missing)

  const repository = createTempRepository({ from: corpusRoot })
  trackTemporaryFolder(repository.path)
  const scratch = makeTemporaryFolder('corpus')
  try {
    repository.commitAll('Add benchmark results', '2025-10-09T12:00:00Z')
    const files = listArtifactFiles(repository.path)
    const listPath = writeFileList(scratch, files.paths)

    // The floor without Markdown parsing runs right before the floor in every
    // repetition, warm-up included, so it alternates with the action as well.
    const readOnlyRuns: ChildRun[] = []
    const samples = await measurePaired({
      repetitions: context.repetitions,
      warmUp: context.warmUp,
      budgetMs: BUDGET_MS,
      subject: () => timeAction({ workspace: repository.path, eventName: 'push', inputs: { narrative: 'off', comment: 'never' }, timeoutMs: CHILD_TIMEOUT_MS }),
      floor: async () => {
        readOnlyRuns.push(await timeReadOnlyMarkdownFloor(listPath))
        return timeReadParseFloor(listPath, CHILD_TIMEOUT_MS)
      },
      onRepetition: (index, sample) => {
        const readOnlyMs = readOnlyRuns[readOnlyRuns.length - 1].durationMs
        context.progress(`corpus ${index + 1}: action ${sample.subjectMs.toFixed(0)} ms, floor ${sample.floorMs.toFixed(0)} ms, floor without Markdown parsing ${readOnlyMs.toFixed(0)} ms`)
      }
    })
    // The warm-up run, when there is one, is the first and is not timed.
    const timedReadOnlyRuns = readOnlyRuns.slice(readOnlyRuns.length - samples.length)

    const actionMs = median(samples.map(sample => sample.subjectMs))
    const floorMs = median(samples.map(sample => sample.floorMs))
    const readOnlyMs = median(timedReadOnlyRuns.map(run => run.durationMs))
    return {
      status: 'done',
      reason: null,
      setup: [
        `${files.paths.length} files, ${toMegabytes(files.bytes)!.toFixed(2)} MB, copied from ${corpusRoot} into a temporary git repository (one commit).`,
        `Action: dist/index.js on a push event, narrative off, comment never, so no baseline and no network.`,
        `Floor: bench/floor/read-parse.mjs reads and parses the same files, each Markdown file whole with the action's parser. ${describeRepetitions(samples, context.warmUp)}`,
        'Floor without Markdown parsing: the same script with --markdown-read-only, which reads Markdown files without parsing them. It runs right before the floor in each repetition.'
      ],
      figures: [
        figure('corpus.time-ratio', 'action / floor, time', actionMs / floorMs, '×', atMost(1.5, '×')),
        figure('corpus.read-only-time-ratio', 'action / floor without Markdown parsing, time', actionMs / readOnlyMs, '×'),
        figure('corpus.action-ms', 'action, median time', actionMs, 'ms'),
        figure('corpus.floor-ms', 'floor, median time', floorMs, 'ms'),
        figure('corpus.read-only-floor-ms', 'floor without Markdown parsing, median time', readOnlyMs, 'ms'),
        figure('corpus.action-peak-rss-mb', 'action, peak RSS', toMegabytes(maxOrNull(samples.map(sample => sample.subjectRssBytes))), 'MB'),
        figure('corpus.floor-peak-rss-mb', 'floor, peak RSS', toMegabytes(maxOrNull(samples.map(sample => sample.floorRssBytes))), 'MB')
      ],
      samples: {
        files: files.paths.length,
        bytes: files.bytes,
        repetitions: samples,
        readOnlyFloorMs: timedReadOnlyRuns.map(run => run.durationMs)
      }
    }
  } finally {
    removeTemporaryFolder(repository.path)
    removeTemporaryFolder(scratch)
  }
}

/** Runs the read-and-parse floor with Markdown files read but not parsed. Throws unless it exits with 0. */
async function timeReadOnlyMarkdownFloor(listPath: string): Promise<ChildRun> {
  const run = await runNodeChild([join(benchRoot, 'floor/read-parse.mjs'), listPath, '--markdown-read-only'], { timeoutMs: CHILD_TIMEOUT_MS })
  if (run.exitCode !== 0) throw new Error(`The floor without Markdown parsing exited with ${run.exitCode}: ${run.stderr.slice(-2000)}`)
  return run
}
