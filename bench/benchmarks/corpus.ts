/**
 * Real corpus: the whole action, narrative off, on the shared benchmark corpus in a
 * temporary git repository, against reading and parsing the same files alone.
 */
import { corpusMissing, corpusRoot, createTempRepository } from '../../test/support/action-runner.js'
import type { BenchContext } from '../context.js'
import { describeRepetitions, makeTemporaryFolder, maxOrNull, measurePaired, median, removeTemporaryFolder, trackTemporaryFolder } from '../measure.js'
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

    const samples = await measurePaired({
      repetitions: context.repetitions,
      warmUp: context.warmUp,
      budgetMs: BUDGET_MS,
      subject: () => timeAction({ workspace: repository.path, eventName: 'push', inputs: { narrative: 'off', comment: 'never' }, timeoutMs: CHILD_TIMEOUT_MS }),
      floor: () => timeReadParseFloor(listPath, CHILD_TIMEOUT_MS),
      onRepetition: (index, sample) => context.progress(`corpus ${index + 1}: action ${sample.subjectMs.toFixed(0)} ms, floor ${sample.floorMs.toFixed(0)} ms`)
    })

    const actionMs = median(samples.map(sample => sample.subjectMs))
    const floorMs = median(samples.map(sample => sample.floorMs))
    return {
      status: 'done',
      reason: null,
      setup: [
        `${files.paths.length} files, ${toMegabytes(files.bytes)!.toFixed(2)} MB, copied from ${corpusRoot} into a temporary git repository (one commit).`,
        `Action: dist/index.js on a push event, narrative off, comment never, so no baseline and no network.`,
        `Floor: bench/floor/read-parse.mjs reads and parses the same files. ${describeRepetitions(samples, context.warmUp)}`
      ],
      figures: [
        figure('corpus.time-ratio', 'action / floor, time', actionMs / floorMs, '×', atMost(1.5, '×')),
        figure('corpus.action-ms', 'action, median time', actionMs, 'ms'),
        figure('corpus.floor-ms', 'floor, median time', floorMs, 'ms'),
        figure('corpus.action-peak-rss-mb', 'action, peak RSS', toMegabytes(maxOrNull(samples.map(sample => sample.subjectRssBytes))), 'MB'),
        figure('corpus.floor-peak-rss-mb', 'floor, peak RSS', toMegabytes(maxOrNull(samples.map(sample => sample.floorRssBytes))), 'MB')
      ],
      samples: { files: files.paths.length, bytes: files.bytes, repetitions: samples }
    }
  } finally {
    removeTemporaryFolder(repository.path)
    removeTemporaryFolder(scratch)
  }
}
