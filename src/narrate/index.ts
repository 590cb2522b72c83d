/**
 * Narrate stage: asks the runner's Ollama for a narrative around the computed
 * facts, checks every number in it against those facts, and sanitises it.
 */
import type { Options } from 'ollama'
import type { Analysis } from '../analyze/types.js'
import type { Comparison } from '../compare/types.js'
import { formatCount } from '../format.js'
import type { Logger } from '../logger.js'
import type { NarrateSettings } from '../settings/index.js'
import { checkClaims } from './claims.js'
import { buildFacts, selectFacts, type FactSheet, type SelectedFacts } from './facts.js'
import { RunRecorder } from './metrics.js'
import { findStatedNumbers, maskIdentifiers, matchesFact, type FactNumber } from './numbers.js'
import { OllamaFailure, OllamaSession, type ChatOutcome, type ResolvedModel } from './ollama.js'
import { buildMessages, estimateMessageTokens, limitNotes, NOTES_TOKENS, planBudget, type PromptStage, type TokenBudget } from './prompt.js'
import { sanitizeNarrative, type SentenceCheck } from './sanitize.js'
import type { ModelRunMetrics, Narrative, NarrativeStatus } from './types.js'

export type * from './types.js'
export { buildFacts, selectFacts } from './facts.js'
export { sanitizeNarrative } from './sanitize.js'
export { estimateTokens } from './tokens.js'

/** The narrative already published on the pull request, read back from the sticky comment. */
export interface PublishedNarrative {
  factsHash: string
  markdown: string
}

export interface NarrateInput {
  head: Analysis
  comparison: Comparison
  /** Reused instead of generating again when its facts hash matches and reuse is on. */
  previous: PublishedNarrative | null
  /** Origin of the repository's GitHub server, such as `https://github.com`; links to it are kept, all others removed. */
  serverUrl?: string
}

/** Kinds of sentences the checks reject, for notes. */
const CHECKS = 'numbers or directions that match no computed fact, merge verdicts, links to other hosts'

/** Produces the narrative, or a narrative with status and note that say why there is none. Never throws for Ollama faults. */
export async function writeNarrative(input: NarrateInput, settings: NarrateSettings, log: Logger): Promise<Narrative> {
  const sheet = buildFacts(input.head, input.comparison)
  const empty = { markdown: null, removedSentences: 0, factsTrimmed: false }
  if (settings.mode === 'off') return { ...empty, status: 'off', note: null, run: null }

  const recorder = new RunRecorder(settings.model, null, sentOptions(settings.options, settings.keepAlive), sheet.hash)
  const allowedOrigins = input.serverUrl === undefined ? [] : [input.serverUrl]

  if (settings.reuse && input.previous !== null && input.previous.factsHash === sheet.hash) {
    log.info(`The facts are unchanged since the published narrative (SHA-256 ${sheet.hash.slice(0, 12)}); reusing it without calling Ollama.`)
    const { markdown } = sanitizeNarrative(input.previous.markdown, { allowedOrigins })
    return { ...empty, status: 'reused', markdown, note: null, run: recorder.metrics(0, null) }
  }

  const session = new OllamaSession(settings, log)
  const run = new NarrativeRun(sheet, settings, session, recorder, log, allowedOrigins)
  try {
    return await run.write()
  } catch (error) {
    const failure =
      error instanceof OllamaFailure
        ? error
        : new OllamaFailure('server-error', `The narrative failed: ${error instanceof Error ? error.message : String(error)}`, 'The narrative failed with an internal error.')
    log.warning(failure.message)
    const status: NarrativeStatus = failure.kind === 'unreachable' && session.chatRequests === 0 ? 'skipped' : 'failed'
    return { ...empty, status, note: `No narrative: ${failure.summary}`, factsTrimmed: run.factsTrimmed, run: run.metrics() }
  } finally {
    await session.close()
  }
}

/** One attempt at the narrative: preflight, the calls and the checks. */
class NarrativeRun {
  factsTrimmed = false
  private readonly notes: string[] = []

  constructor(
    private readonly sheet: FactSheet,
    private readonly settings: NarrateSettings,
    private readonly session: OllamaSession,
    private readonly recorder: RunRecorder,
    private readonly log: Logger,
    private readonly allowedOrigins: string[]
  ) {}

  /** Returns the model run figures so far; every chat request counts as a call. */
  metrics(): ModelRunMetrics {
    return this.recorder.metrics(this.session.chatRequests, this.session.chatRequests > 0 ? this.session.chatWallClockMs : null)
  }

  async write(): Promise<Narrative> {
    const { settings, log, session } = this
    const version = await session.checkServer()
    log.info(`Ollama ${version} responds at ${session.endpoint.display}.`)
    const model = await session.resolveModel()
    this.recorder.setModel(model.name, model.digest)
    log.info(`Model ${settings.model} is ${model.name}${model.digest === null ? '' : ` (digest ${model.digest.slice(0, 12)})`}.`)

    const twoStage = settings.stages === 'two-stage'
    const budget = planBudget(settings.options, model.modelfileNumCtx, twoStage ? 'insight' : 'single', settings.prompt)
    const facts = this.chooseFacts(budget)
    if (facts === null) {
      const window = `${formatCount(budget.contextTokens)} tokens, ${formatCount(budget.answerTokens)} of them kept for the answer`
      return this.result('failed', null, `No narrative: the context window (${window}) is too small for even the verdict summary; raise num-ctx or lower num-predict.`)
    }

    let notes: string | null = null
    if (twoStage) {
      const collected = await this.call('collector', buildMessages('collector', facts.text, null), budget, false)
      if (collected.problem !== null) return this.result('rejected', null, collected.problem)
      notes = limitNotes(collected.outcome.text, NOTES_TOKENS)
    }
    const stage: PromptStage = twoStage ? 'insight' : 'single'
    const answer = await this.call(stage, buildMessages(stage, facts.text, settings.prompt, notes), budget, true)
    if (answer.problem !== null) return this.result('rejected', null, answer.problem)
    return this.check(answer.outcome, model, [
      { value: budget.contextTokens, kind: 'other' },
      ...facts.omitted.map(entry => ({ value: entry.count, kind: 'count' as const }))
    ])
  }

  private chooseFacts(budget: TokenBudget): SelectedFacts | null {
    const facts = selectFacts(this.sheet, budget.factsTokens)
    if (facts === null) return null
    if (facts.trimmed) {
      this.factsTrimmed = true
      const left = facts.omitted.map(entry => `${formatCount(entry.count)} ${entry.label}`).join(', ')
      const window = `${formatCount(budget.contextTokens)} tokens${budget.contextSource === 'assumed' ? ', assumed because num-ctx is unset' : ''}`
      this.notes.push(`The facts given to the model were shortened to fit its context window (${window}): left out ${left}.`)
      this.log.info(`Facts shortened to ${formatCount(budget.factsTokens)} estimated tokens for a ${window} context window: left out ${left}.`)
    }
    return facts
  }

  /**
   * Makes one call and checks that the server read the whole prompt. A final call
   * cut by the token limit is retried once with a larger `num_predict` when the
   * context window has room. Only `num_predict` changes, because a change of
   * `num_ctx` or `num_gpu` would make Ollama reload the model.
   */
  private async call(
    stage: PromptStage,
    messages: ReturnType<typeof buildMessages>,
    budget: TokenBudget,
    final: boolean
  ): Promise<{ outcome: ChatOutcome; problem: string | null }> {
    const estimate = estimateMessageTokens(messages)
    let options: Partial<Options> = { ...this.settings.options }
    const keepAlive = keepAliveValue(this.settings.keepAlive)
    this.log.info(`Asking ${this.settings.model} for the ${STAGE_NAMES[stage]} (about ${formatCount(estimate)} prompt tokens).`)
    let outcome = await this.session.chat({ messages, options, keepAlive })
    this.recorder.addCall(outcome.final, outcome.timeToFirstTokenMs, estimate, sentOptions(options, this.settings.keepAlive))
    let problem = truncation(outcome.final.prompt_eval_count, budget, estimate)
    if (problem !== null) return { outcome, problem }

    const predict = options.num_predict
    if (final && outcome.final.done_reason === 'length' && predict !== undefined && predict > 0) {
      const room = budget.contextTokens - (outcome.final.prompt_eval_count ?? estimate)
      const larger = Math.min(predict * 2, room)
      if (larger > predict) {
        this.log.info(`The answer stopped at the token limit (num_predict ${predict}); asking once more with num_predict ${larger}.`)
        options = { ...options, num_predict: larger }
        try {
          const retried = await this.session.chat({ messages, options, keepAlive })
          this.recorder.addCall(retried.final, retried.timeToFirstTokenMs, estimate, sentOptions(options, this.settings.keepAlive))
          problem = truncation(retried.final.prompt_eval_count, budget, estimate)
          if (problem !== null) return { outcome: retried, problem }
          outcome = retried
        } catch (error) {
          if (!(error instanceof OllamaFailure)) throw error
          this.log.warning(`${error.message} Keeping the answer that stopped at the token limit.`)
        }
      }
    }
    return { outcome, problem: null }
  }

  /**
   * Runs the number and direction checks and the Markdown sanitising on the final
   * answer. `runNumbers` are facts of this run besides the sheet: the context window
   * and the counts of facts left out.
   */
  private check(outcome: ChatOutcome, model: ResolvedModel, runNumbers: FactNumber[]): Narrative {
    const cut = outcome.final.done_reason === 'length'
    const text = cut ? `${outcome.text.trimEnd()} …` : outcome.text
    const numbers = [...this.sheet.numbers, ...optionNumbers(this.settings), ...runNumbers]
    const identifiers = [...this.sheet.identifiers, this.settings.model, model.name].sort((a, b) => b.length - a.length)
    const check = sentenceCheck(this.sheet, numbers, identifiers)
    const sanitized = sanitizeNarrative(text, { allowedOrigins: this.allowedOrigins, check })

    for (const removed of sanitized.removed) {
      this.log.info(`Removed from the narrative (${removed.reason}): ${JSON.stringify(removed.sentence.slice(0, 300))}`)
    }
    const removedCount = sanitized.removed.length
    if (removedCount > 0 && this.settings.numberCheck === 'replace-narrative') {
      return this.result(
        'rejected',
        null,
        `The narrative was withheld because ${plural(removedCount, 'sentence')} failed the checks (${CHECKS}).`,
        removedCount
      )
    }
    if (sanitized.markdown === '') {
      return this.result('rejected', null, `The narrative was withheld because every sentence failed the checks (${CHECKS}).`, removedCount)
    }
    if (removedCount > 0) {
      this.notes.push(`Removed ${plural(removedCount, 'sentence')} that failed the checks (${CHECKS}).`)
    }
    if (cut) {
      this.notes.push(`The narrative was cut at the token limit (num_predict ${this.settings.options.num_predict ?? 'default'}) and is incomplete.`)
      this.log.warning(`The narrative from ${this.settings.model} stopped at the token limit (done_reason: length) and is marked as cut.`)
    }
    return this.result(cut ? 'cut' : 'generated', sanitized.markdown, null, removedCount)
  }

  private result(status: NarrativeStatus, markdown: string | null, problem: string | null, removedSentences = 0): Narrative {
    if (problem !== null) this.log.warning(problem)
    const note = [problem, ...this.notes].filter(part => part !== null).join(' ')
    return { status, markdown, note: note === '' ? null : note, removedSentences, factsTrimmed: this.factsTrimmed, run: this.metrics() }
  }
}

/**
 * Returns why the server did not read the whole prompt, or null. Ollama drops the
 * start of a prompt longer than `num_ctx` and answers as usual; the only trace is
 * `prompt_eval_count`: the whole window, half of it plus 2 (what recent versions
 * keep), or far below the estimate. A missing count (a cached prompt) is not checked.
 */
export function truncation(promptEvalCount: number | undefined | null, budget: TokenBudget, estimate: number): string | null {
  if (typeof promptEvalCount !== 'number') return null
  const window = `the context window (${formatCount(budget.contextTokens)} tokens) was too small`
  const read = `Ollama read ${formatCount(promptEvalCount)} of about ${formatCount(estimate)} prompt tokens`
  const halfWindow = Math.floor(budget.contextTokens / 2) + 2
  // NOTE: a prompt whose prefix Ollama still has cached reports only the new tokens,
  // so a repeated identical prompt with reuse-narrative off may be flagged here.
  const truncated =
    promptEvalCount >= budget.contextTokens ||
    (promptEvalCount === halfWindow && estimate > promptEvalCount * 1.05) ||
    promptEvalCount < estimate * 0.5
  return truncated ? `The narrative was left out because ${window}: ${read}, so the start of the prompt was dropped.` : null
}

/** Builds the sentence check: approval wording, contradicting directions and numbers that match no fact. */
function sentenceCheck(sheet: FactSheet, numbers: FactNumber[], identifiers: string[]): SentenceCheck {
  return sentence => {
    const claim = checkClaims(sentence, sheet.subjects)
    if (claim === 'approval') return 'merge or approval wording'
    if (claim === 'direction') return 'direction contradicts the comparison'
    const unmatched = findStatedNumbers(maskIdentifiers(sentence, identifiers)).filter(stated => !matchesFact(stated, numbers))
    return unmatched.length === 0 ? null : `numbers match no fact: ${unmatched.map(stated => stated.text).join(', ')}`
  }
}

/** Returns the configured option values as facts, because the narrative may state them. */
function optionNumbers(settings: NarrateSettings): FactNumber[] {
  return Object.values(settings.options)
    .filter((value): value is number => typeof value === 'number')
    .map(value => ({ value, kind: 'other' as const }))
}

/** Returns the options as sent, with `keep_alive`, for the report's "Model run" figures. */
function sentOptions(options: Partial<Options>, keepAlive: string | null): Record<string, number | string | string[]> {
  const sent: Record<string, number | string | string[]> = {}
  for (const [name, value] of Object.entries(options)) {
    if (typeof value === 'number' || typeof value === 'string' || Array.isArray(value)) sent[name] = value
  }
  if (keepAlive !== null) sent.keep_alive = keepAlive
  return sent
}

/** Ollama reads a bare number as seconds (negative: keep loaded), and anything else as a duration such as `10m`. */
function keepAliveValue(keepAlive: string | null): string | number | null {
  if (keepAlive === null) return null
  return /^-?\d+$/.test(keepAlive) ? Number(keepAlive) : keepAlive
}

const STAGE_NAMES: Record<PromptStage, string> = {
  single: 'narrative',
  collector: 'inventory of data gaps',
  insight: 'summary, recommendations and risks'
}

function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`
}
