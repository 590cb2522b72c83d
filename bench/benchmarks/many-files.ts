/**
 * Many files: the whole action, narrative off, on thousands of small CSV and JSON
 * files committed into a temporary git repository, against reading and parsing them
 * alone. Counts the git processes the action starts, through a wrapper script first
 * on PATH, at this size and at a small size: the count must not grow with the files.
 */
import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createTempRepository, type TempRepository } from '../../test/support/action-runner.js'
import type { BenchContext } from '../context.js'
import { writeManyFiles } from '../generate.js'
import { describeRepetitions, makeTemporaryFolder, maxOrNull, measurePaired, median, removeTemporaryFolder, trackTemporaryFolder } from '../measure.js'
import { atMost, exactly, figure, type Outcome } from '../results.js'
import { timeAction, timeReadParseFloor, toMegabytes, writeFileList } from '../subjects.js'

/** Runs may take this long in total before the benchmark stops repeating them. */
const BUDGET_MS = 10 * 60 * 1000
/** Files in the small tree whose git calls are the reference count. */
const REFERENCE_FILES = 20
const ACTION_INPUTS = { narrative: 'off', comment: 'never' }

export async function benchManyFiles(context: BenchContext): Promise<Outcome> {
  const scratch = makeTemporaryFolder('many-files')
  const repositories: TempRepository[] = []
  try {
    const gitLog = join(scratch, 'git-calls.log')
    const wrapperPath = installGitWrapper(join(scratch, 'bin'))
    const countingEnvironment = { PATH: `${join(scratch, 'bin')}:${process.env.PATH ?? ''}`, BENCH_GIT_LOG: gitLog }
    // A child gets 60 s plus 20 ms per file: far above any plausible run, so only a hang is stopped.
    const timeoutMs = 60_000 + 20 * context.files

    const reference = createTempRepository()
    repositories.push(reference)
    trackTemporaryFolder(reference.path)
    writeManyFiles(reference.path, REFERENCE_FILES)
    reference.commitAll('Add benchmark results')
    const referenceCalls = await countGitCalls(() => timeAction({ workspace: reference.path, inputs: ACTION_INPUTS, env: countingEnvironment, timeoutMs }), gitLog)

    const repository = createTempRepository()
    repositories.push(repository)
    trackTemporaryFolder(repository.path)
    const generatedAt = performance.now()
    const tree = writeManyFiles(repository.path, context.files)
    repository.commitAll('Add benchmark results')
    context.progress(`many-files: wrote and committed ${tree.paths.length} files in ${((performance.now() - generatedAt) / 1000).toFixed(1)} s`)
    const listPath = writeFileList(scratch, tree.paths.map(relative => join(repository.path, relative)))

    let calls: string[] = []
    const samples = await measurePaired({
      repetitions: context.repetitions,
      warmUp: context.warmUp,
      budgetMs: BUDGET_MS,
      warmUpSubject: async () => {
        calls = await countGitCalls(() => timeAction({ workspace: repository.path, inputs: ACTION_INPUTS, env: countingEnvironment, timeoutMs }), gitLog)
      },
      subject: () => timeAction({ workspace: repository.path, inputs: ACTION_INPUTS, timeoutMs }),
      floor: () => timeReadParseFloor(listPath, timeoutMs),
      onRepetition: (index, sample) => context.progress(`many-files ${index + 1}: action ${sample.subjectMs.toFixed(0)} ms, floor ${sample.floorMs.toFixed(0)} ms`)
    })

    const actionMs = median(samples.map(sample => sample.subjectMs))
    const floorMs = median(samples.map(sample => sample.floorMs))
    return {
      status: 'done',
      reason: null,
      setup: [
        `${tree.paths.length} files (half CSV with 10 rows, half JSON with 10 results), ${toMegabytes(tree.bytes)!.toFixed(1)} MB, in ${Math.ceil(tree.paths.length / 20)} folders, committed into a temporary git repository.`,
        `Action: dist/index.js on a push event, narrative off, comment never. Git calls counted by ${wrapperPath} first on PATH, in the untimed warm-up run.`,
        `Floor: bench/floor/read-parse.mjs reads and parses the same files. ${describeRepetitions(samples, context.warmUp)}`
      ],
      figures: [
        figure('many-files.time-ratio', 'action / floor, time', actionMs / floorMs, '×', atMost(2, '×')),
        figure('many-files.action-ms', 'action, median time', actionMs, 'ms'),
        figure('many-files.floor-ms', 'floor, median time', floorMs, 'ms'),
        figure(
          'many-files.git-calls',
          `git calls, ${tree.paths.length} files`,
          calls.length,
          '',
          exactly(referenceCalls.length, ` (as for ${REFERENCE_FILES} files)`),
          `git ${calls.map(call => call.split(' ').slice(0, 3).join(' ')).join('; git ')}`
        ),
        figure('many-files.action-peak-rss-mb', 'action, peak RSS', toMegabytes(maxOrNull(samples.map(sample => sample.subjectRssBytes))), 'MB'),
        figure('many-files.floor-peak-rss-mb', 'floor, peak RSS', toMegabytes(maxOrNull(samples.map(sample => sample.floorRssBytes))), 'MB')
      ],
      samples: { files: tree.paths.length, bytes: tree.bytes, gitCalls: calls, referenceGitCalls: referenceCalls, repetitions: samples }
    }
  } finally {
    for (const repository of repositories) removeTemporaryFolder(repository.path)
    removeTemporaryFolder(scratch)
  }
}

/**
 * Writes a `git` script into `folder` that appends its arguments (the first 200
 * characters) to the file named by BENCH_GIT_LOG and then runs the real git.
 */
function installGitWrapper(folder: string): string {
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim()
  if (realGit === '') throw new Error('git was not found on PATH.')
  mkdirSync(folder, { recursive: true })
  const wrapper = join(folder, 'git')
  writeFileSync(wrapper, `#!/bin/sh\nprintf '%.200s\\n' "$*" >> "$BENCH_GIT_LOG"\nexec '${realGit.replace(/'/g, `'\\''`)}' "$@"\n`)
  chmodSync(wrapper, 0o755)
  return wrapper
}

/** Runs `work` with an empty git log and returns the git calls it logged, one line each. */
async function countGitCalls(work: () => Promise<unknown>, gitLog: string): Promise<string[]> {
  writeFileSync(gitLog, '')
  await work()
  if (!existsSync(gitLog)) return []
  return readFileSync(gitLog, 'utf8')
    .split('\n')
    .filter(line => line !== '')
}
