/**
 * The regression gate end to end: pull requests built in temporary git repositories
 * from the real corpus, and the bundled action started on a `pull_request` event.
 */
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { corpusMissing, corpusRoot, createTempRepository, runAction, type ActionResult, type TempRepository } from './support/action-runner.js'

const skip = corpusMissing()
const BASELINE_CSV = 'reports/gemma3/gemma3_baseline.csv'
const LATENCY_COLUMNS = ['ttft_s', 'load_s', 'prompt_eval_s', 'eval_s']

/** Multiplies the latency columns of gemma3_baseline.csv, whose fields hold no quoted commas. */
function scaleBaselineLatencies(text: string, factor: number): string {
  const [header, ...rows] = text.trimEnd().split('\n')
  const columns = header.split(',')
  const scaled = rows.map(row => {
    const cells = row.split(',')
    assert.equal(cells.length, columns.length, `unexpected field count in ${row}`)
    return cells.map((cell, index) => (LATENCY_COLUMNS.includes(columns[index]) ? String(Number(cell) * factor) : cell)).join(',')
  })
  return [header, ...scaled].join('\n') + '\n'
}

const RUN_HEADER = 'timestamp,model,prompt_index,prompt_text,ttft_s,tokens_s,load_s,prompt_eval_s,eval_s,prompt_eval_count,eval_count,response_chars,error,options'
const PROMPTS = [
  'banter prompt: Player failed a mission but needs encouragement.',
  'Give a battle quote for a co-op shooter win.',
  'Prompt for rare loot find celebration banter.',
  'Craft a witty remark after a close racing finish.',
  'Motivate a teammate before a final boss fight.'
]

/** A new timestamped run of the gemma3 benchmark: close to the 2025-10-08 12:29 run, or failed throughout. */
function gemmaRun(stamp: string, failed: boolean): string {
  const rows = PROMPTS.map((prompt, index) => {
    const options = '"{""temperature"":0.3,""top_p"":0.9}"'
    if (failed) return `${stamp},gemma3:latest,${index + 1},${prompt},0.000000,0.00,0.000000,0.000000,0.000000,0,0,0,Connection refused,${options}`
    const ttft = index === 0 ? 30.1 : 0.121 + index * 0.002
    return `${stamp},gemma3:latest,${index + 1},${prompt},${ttft.toFixed(6)},102.5,0.104,0.0171,2.98,21,306,979,,${options}`
  })
  return [RUN_HEADER, ...rows].join('\n') + '\n'
}

interface Scenario {
  repository: TempRepository
  result: ActionResult
}

/**
 * Commits the corpus as the base branch, applies `change` as the pull request's
 * commit, and runs the action on a pull_request event whose base is the first commit.
 */
async function runPullRequest(change: (root: string) => void, options: { emptyBase?: boolean; inputs?: Record<string, string> } = {}): Promise<Scenario> {
  const repository = options.emptyBase ? createTempRepository() : createTempRepository({ from: corpusRoot })
  if (options.emptyBase) writeFileSync(join(repository.path, 'README.md'), '# project\n')
  const baseSha = repository.commitAll('Base branch', '2025-10-09T08:00:00Z')
  change(repository.path)
  const headSha = repository.commitAll('Pull request', '2025-10-10T08:00:00Z')
  const result = await runAction({
    workspace: repository.path,
    eventName: 'pull_request',
    event: pullRequestEvent(baseSha, headSha),
    inputs: { narrative: 'off', comment: 'never', ...options.inputs },
    env: { GITHUB_SHA: headSha }
  })
  return { repository, result }
}

function pullRequestEvent(baseSha: string, headSha: string): object {
  return {
    action: 'synchronize',
    number: 7,
    pull_request: {
      number: 7,
      head: { ref: 'feature', sha: headSha, repo: { full_name: 'owner-org/project' } },
      base: { ref: 'main', sha: baseSha, repo: { full_name: 'owner-org/project' } }
    },
    repository: { full_name: 'owner-org/project', default_branch: 'main' }
  }
}

function describeRun(result: ActionResult): string {
  return `exit ${result.exitCode}\nsummary:\n${result.summary.slice(0, 4000)}\nstderr:\n${result.stderr.slice(-2000)}`
}

describe('regression gate on the corpus', { skip }, () => {
  const repositories: TempRepository[] = []
  after(() => repositories.forEach(repository => repository.remove()))

  it('30 % slower baseline fails', async () => {
    const { repository, result } = await runPullRequest(root => {
      const path = join(root, BASELINE_CSV)
      writeFileSync(path, scaleBaselineLatencies(readFileSync(path, 'utf8'), 1.3))
    })
    repositories.push(repository)
    assert.equal(result.exitCode, 1, describeRun(result))
    assert.equal(result.outputs.regression, 'true')
    assert.ok(Number(result.outputs.regressions) >= 1, `regressions output: ${result.outputs.regressions}`)
    assert.match(result.summary, /gemma3_baseline\.csv/)
    assert.match(result.summary, /\+30\.0 %/)
    assert.ok(
      result.annotations.some(annotation => annotation.level === 'error' && annotation.properties.includes('gemma3_baseline.csv')),
      'no error annotation on gemma3_baseline.csv'
    )
  })

  it('2 % slower baseline passes', async () => {
    const { repository, result } = await runPullRequest(root => {
      const path = join(root, BASELINE_CSV)
      writeFileSync(path, scaleBaselineLatencies(readFileSync(path, 'utf8'), 1.02))
    })
    repositories.push(repository)
    assert.equal(result.exitCode, 0, describeRun(result))
    assert.equal(result.outputs.regression, 'false')
  })

  it('new timestamped run compares with previous run', async () => {
    const { repository, result } = await runPullRequest(root => {
      mkdirSync(join(root, 'reports/ollama/20251009-101500'), { recursive: true })
      writeFileSync(join(root, 'reports/ollama/20251009-101500/gemma3_benchmark_fixed_runs.csv'), gemmaRun('2025-10-09T10:15:00+00:00', false))
    })
    repositories.push(repository)
    assert.equal(result.exitCode, 0, describeRun(result))
    assert.match(result.summary, /20251009-101500/)
    assert.match(result.summary, /20251008-122911/)
  })

  it('new run that failed entirely fails', async () => {
    const { repository, result } = await runPullRequest(root => {
      mkdirSync(join(root, 'reports/ollama/20251009-101500'), { recursive: true })
      writeFileSync(join(root, 'reports/ollama/20251009-101500/gemma3_benchmark_fixed_runs.csv'), gemmaRun('2025-10-09T10:15:00+00:00', true))
    })
    repositories.push(repository)
    assert.equal(result.exitCode, 1, describeRun(result))
    assert.match(result.summary, /5 of 5 runs failed/)
    assert.match(result.summary, /Connection refused/)
  })

  it('first run without base artifacts passes', async () => {
    const { repository, result } = await runPullRequest(root => execFileSync('cp', ['-R', `${corpusRoot}/.`, root]), { emptyBase: true })
    repositories.push(repository)
    assert.equal(result.exitCode, 0, describeRun(result))
    assert.equal(result.outputs.regression, 'false')
    assert.match(result.summary, /no baseline/i)
    assert.doesNotMatch(result.summary, /Infinity|NaN %/)
  })

  it('base commit is fetched when the clone lacks it', async () => {
    const origin = createTempRepository({ from: corpusRoot })
    repositories.push(origin)
    const baseSha = origin.commitAll('Base branch', '2025-10-09T08:00:00Z')
    const path = join(origin.path, BASELINE_CSV)
    writeFileSync(path, scaleBaselineLatencies(readFileSync(path, 'utf8'), 1.3))
    const headSha = origin.commitAll('Pull request', '2025-10-10T08:00:00Z')
    // GitHub serves any reachable commit by SHA; a local origin needs this setting for it.
    origin.git('config', 'uploadpack.allowAnySHA1InWant', 'true')

    const clone = createTempRepository()
    repositories.push(clone)
    clone.git('remote', 'add', 'origin', `file://${origin.path}`)
    clone.git('fetch', '--quiet', '--depth=1', 'origin', headSha)
    clone.git('checkout', '--quiet', headSha)
    assert.throws(() => clone.git('cat-file', '-e', `${baseSha}^{commit}`), 'the clone must not have the base commit before the run')

    const result = await runAction({
      workspace: clone.path,
      eventName: 'pull_request',
      event: pullRequestEvent(baseSha, headSha),
      inputs: { narrative: 'off', comment: 'never' },
      env: { GITHUB_SHA: headSha }
    })
    assert.equal(result.exitCode, 1, describeRun(result))
    assert.equal(result.outputs.regression, 'true')
    assert.match(result.summary, /gemma3_baseline\.csv/)
  })
})
