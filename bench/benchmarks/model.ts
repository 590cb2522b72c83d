/**
 * The model call: the whole action on the real corpus as a pull request, against the
 * stand-in Ollama and GitHub servers. Counts generation calls on fresh and on
 * unchanged facts, compares the prompt with the context window, and checks that the
 * options that make Ollama reload the model stay fixed across the calls of one run.
 */
import { corpusMissing, corpusRoot } from '../../test/support/action-runner.js'
import { GitHubServer } from '../../test/support/github-server.js'
import { startOllamaServer, type OllamaServer, type RecordedRequest } from '../../test/support/ollama-server.js'
import { pullRequestEvent, pullRequestRepository, type PullRequestRepository } from '../../test/support/scenarios.js'
import type { BenchContext } from '../context.js'
import { removeTemporaryFolder, trackTemporaryFolder } from '../measure.js'
import { atMost, exactly, figure, skippedOutcome, type Outcome } from '../results.js'
import { timeAction, type TimedAction } from '../subjects.js'

const CHILD_TIMEOUT_MS = 120_000
/** Ollama's context window when a request sets no `num_ctx`, as the stand-in also assumes. */
const OLLAMA_DEFAULT_NUM_CTX = 4096
/** Options whose change between two requests makes Ollama load the model again. */
const RELOAD_OPTIONS = ['num_ctx', 'num_gpu'] as const
const NARRATIVE = 'The benchmark artifacts of this pull request were read, and the tables below give their statistics.'
/** Options a team sets to pin the model's memory, for the runs that make more than one call. */
const PINNED_OPTIONS = { 'num-ctx': '8192', 'num-gpu': '99', 'num-predict': '300', 'reuse-narrative': 'false' }

/** The figures of the agent this action replaces, as measured on its own runner. */
const ORIGINAL_AGENT = 'The original agent made 2 to 4 calls per report and generated about 2,300 tokens in 58 s (41 tokens/s).'

/** One run of the action and the generation requests the stand-in received during it. */
interface ModelRun {
  label: string
  action: TimedAction
  calls: RecordedRequest[]
}

export async function benchModel(context: BenchContext): Promise<Outcome> {
  const missing = corpusMissing()
  if (missing !== false) return skippedOutcome(missing)

  const github = await GitHubServer.start()
  const ollama = await startOllamaServer({ replies: [{ text: NARRATIVE }] })
  let pullRequest: PullRequestRepository | null = null
  try {
    pullRequest = pullRequestRepository(corpusRoot, corpusRoot)
    trackTemporaryFolder(pullRequest.repository.path)
    const run = runner(pullRequest, github, ollama)

    const fresh = await run('fresh facts', {})
    const unchanged = await run('unchanged facts', {})
    ollama.script({ text: NARRATIVE, doneReason: 'length' }, { text: NARRATIVE })
    const retried = await run('answer cut at num_predict, retried', PINNED_OPTIONS)
    ollama.script({ text: 'No data gaps.' }, { text: NARRATIVE })
    const twoStage = await run('two-stage narrative', { ...PINNED_OPTIONS, 'narrative-mode': 'two-stage' })
    context.progress(`model: ${[fresh, unchanged, retried, twoStage].map(entry => `${entry.label} ${entry.calls.length} calls`).join(', ')}`)

    const firstCall = fresh.calls[0]
    const options = (firstCall?.body?.options ?? {}) as Record<string, unknown>
    const numCtx = typeof options.num_ctx === 'number' ? options.num_ctx : OLLAMA_DEFAULT_NUM_CTX
    const promptTokens = numberOrNull(fresh.action.result.outputs['prompt-tokens'])
    const numPredict = typeof options.num_predict === 'number' ? options.num_predict : null
    const runs = [fresh, unchanged, retried, twoStage]
    const reloads = runs.reduce((total, entry) => total + countReloadChanges(entry.calls), 0)

    return {
      status: 'done',
      reason: null,
      setup: [
        `Corpus of ${corpusRoot} as a pull request (base and head alike) in a temporary git repository; stand-in Ollama and GitHub servers on 127.0.0.1.`,
        `Fresh and unchanged runs use the action's defaults (no num-ctx, num-gpu or num-predict); the two runs with more than one call set num-ctx 8192, num-gpu 99, num-predict 300.`,
        `Narrative status: ${runs.map(entry => `${entry.label}: ${entry.action.result.outputs['narrative-status'] ?? 'none'}`).join('; ')}.`,
        ORIGINAL_AGENT
      ],
      figures: [
        figure('model.calls-fresh', 'generation calls, fresh facts', fresh.calls.length, '', exactly(1)),
        figure('model.calls-unchanged', 'generation calls, unchanged facts', unchanged.calls.length, '', exactly(0), 'the second run reads the first run\'s sticky comment and reuses its narrative'),
        figure('model.prompt-tokens', 'prompt tokens (prompt_eval_count)', promptTokens, 'tokens', null, "the stand-in counts one token per digit and one per four other characters, as Gemma's tokenizer roughly does"),
        figure(
          'model.prompt-share',
          'prompt tokens / num_ctx',
          promptTokens === null ? null : promptTokens / numCtx,
          '×',
          atMost(1, '×'),
          `num_ctx ${numCtx}${typeof options.num_ctx === 'number' ? ' (requested)' : " (not requested: Ollama's default)"}`
        ),
        figure('model.num-predict', 'num_predict requested', numPredict, 'tokens', null, numPredict === null ? "not requested: the model's default applies" : undefined),
        figure('model.calls-cut-retry', 'generation calls, answer cut once', retried.calls.length, '', null, 'one retry with a larger num_predict is expected'),
        figure('model.calls-two-stage', 'generation calls, two-stage', twoStage.calls.length, '', null, 'an inventory call, then the narrative'),
        figure('model.reload-option-changes', 'calls changing num_ctx or num_gpu', reloads, '', exactly(0), 'within one run, over all four runs')
      ],
      samples: {
        runs: runs.map(entry => ({
          label: entry.label,
          narrativeStatus: entry.action.result.outputs['narrative-status'] ?? null,
          promptTokens: numberOrNull(entry.action.result.outputs['prompt-tokens']),
          tokensGenerated: numberOrNull(entry.action.result.outputs['tokens-generated']),
          options: entry.calls.map(call => call.body?.options ?? {})
        }))
      }
    }
  } finally {
    if (pullRequest !== null) removeTemporaryFolder(pullRequest.repository.path)
    await ollama.close()
    await github.close()
  }
}

/** Returns a function that runs the action once on the pull request and collects the generation requests it made. */
function runner(pullRequest: PullRequestRepository, github: GitHubServer, ollama: OllamaServer) {
  return async (label: string, inputs: Record<string, string>): Promise<ModelRun> => {
    const before = ollama.chatRequests().length
    const action = await timeAction({
      workspace: pullRequest.repository.path,
      eventName: 'pull_request',
      event: pullRequestEvent(pullRequest.baseSha, pullRequest.headSha),
      inputs: { 'ollama-host': ollama.url, comment: 'always', ...inputs },
      env: { GITHUB_API_URL: github.url, GITHUB_SHA: pullRequest.headSha, OLLAMA_BENCHMARK_REPORT_RETRY_UNIT_MS: '1' },
      timeoutMs: CHILD_TIMEOUT_MS
    })
    return { label, action, calls: ollama.chatRequests().slice(before) }
  }
}

/** Calls whose `num_ctx` or `num_gpu` differ from the previous call's. */
function countReloadChanges(calls: readonly RecordedRequest[]): number {
  let changes = 0
  for (let index = 1; index < calls.length; index++) {
    const previous = (calls[index - 1].body?.options ?? {}) as Record<string, unknown>
    const current = (calls[index].body?.options ?? {}) as Record<string, unknown>
    if (RELOAD_OPTIONS.some(name => previous[name] !== current[name])) changes++
  }
  return changes
}

function numberOrNull(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null
  const value = Number(text)
  return Number.isFinite(value) ? value : null
}
