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
// Only types come from ollama.js and sanitize.js: writeNarrative loads them, with the ollama client,
// undici and the Markdown parser, when the narrative is not off, which saves their start-up time.
import type { ChatOutcome, OllamaSession, ResolvedModel } from './ollama.js'
import { buildMessages, estimateMessageTokens, limitNotes, NOTES_TOKENS, planBudget, type PromptStage, type TokenBudget } from './prompt.js'
import { LINK_REASON } from './reasons.js'
import type { RemovedSentence, SentenceCheck } from './sanitize.js'
import type { ModelRunMetrics, Narrative, NarrativeStatus } from './types.js'

export type * from './types.js'
export { buildFacts, selectFacts } from './facts.js'
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

// Reasons the sentence check returns. The log shows them, and the note groups removals by them.
const APPROVAL_REASON = 'merge or approval wording'
const DIRECTION_REASON = 'direction contradicts the comparison'
const NUMBERS_REASON = 'numbers match no fact'

/** Produces the narrative, or a narrative with status and note that say why there is none. Never throws for Ollama faults. */
export async function writeNarrative(input: NarrateInput, settings: NarrateSettings, log: Logger): Promise<Narrative> {
  const empty = { markdown: null, removedSentences: 0, factsTrimmed: false }
  if (settings.mode === 'off') return { ...empty, status: 'off', note: null, run: null }

  const [{ OllamaFailure, OllamaSession }, { sanitizeNarrative }] = await Promise.all([import('./ollama.js'), import('./sanitize.js')])
  const sheet = buildFacts(input.head, input.comparison)
  const recorder = new RunRecorder(settings.model, null, sentOptions(settings.options, settings.keepAlive), sheet.hash)
  const allowedOrigins = input.serverUrl === undefined ? [] : [input.serverUrl]

  if (settings.reuse && input.previous !== null && input.previous.factsHash === sheet.hash) {
    log.info(`The facts are unchanged since the published narrative (SHA-256 ${sheet.hash.slice(0, 12)}); reusing it without calling Ollama.`)
    const { markdown } = sanitizeNarrative(input.previous.markdown, { allowedOrigins })
    return { ...empty, status: 'reused', markdown, note: null, run: recorder.metrics(0, null) }
  }

  let session: OllamaSession
  try {
    session = new OllamaSession(settings, log)
  } catch (error) {
    if (!(error instanceof OllamaFailure)) throw error
    log.warning(error.message)
    return { ...empty, status: 'skipped', note: `No narrative: ${error.summary}`, run: null }
  }
  const run = new NarrativeRun(sheet, settings, session, recorder, log, allowedOrigins, { OllamaFailure, sanitizeNarrative })
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

/** The values of the modules that writeNarrative loads on demand. */
interface LoadedModules {
  OllamaFailure: typeof import('./ollama.js').OllamaFailure
  sanitizeNarrative: typeof import('./sanitize.js').sanitizeNarrative
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
    private readonly allowedOrigins: string[],
    private readonly loaded: LoadedModules
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
    return this.check(answer.outcome, answer.numPredict, model, [
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
   * `num_ctx` or `num_gpu` would make Ollama reload the model. Also returns the
   * `num_predict` of the call whose response it returns.
   */
  private async call(
    stage: PromptStage,
    messages: ReturnType<typeof buildMessages>,
    budget: TokenBudget,
    final: boolean
  ): Promise<{ outcome: ChatOutcome; numPredict: number | undefined; problem: string | null }> {
    const estimate = estimateMessageTokens(messages)
    const options: Partial<Options> = { ...this.settings.options }
    const keepAlive = keepAliveValue(this.settings.keepAlive)
    this.log.info(`Asking ${this.settings.model} for the ${STAGE_NAMES[stage]} (about ${formatCount(estimate)} prompt tokens).`)
    const outcome = await this.session.chat({ messages, options, keepAlive })
    this.recorder.addCall(outcome.final, outcome.timeToFirstTokenMs, estimate, sentOptions(options, this.settings.keepAlive))
    const predict = options.num_predict
    const problem = this.checkPromptCount(outcome, budget, estimate)
    if (problem !== null) return { outcome, numPredict: predict, problem }

    if (!final || outcome.final.done_reason !== 'length' || predict === undefined || predict <= 0) return { outcome, numPredict: predict, problem: null }
    // A cached prompt prefix makes prompt_eval_count smaller than the prompt, so the larger of the two sizes the room.
    const promptTokens = Math.max(outcome.final.prompt_eval_count ?? 0, estimate)
    const larger = Math.min(predict * 2, budget.contextTokens - promptTokens)
    if (larger <= predict) return { outcome, numPredict: predict, problem: null }

    this.log.info(`The response stopped at the token limit (num_predict ${predict}), so the request is sent once more with num_predict ${larger}.`)
    const retryOptions = { ...options, num_predict: larger }
    let retried: ChatOutcome
    try {
      retried = await this.session.chat({ messages, options: retryOptions, keepAlive })
    } catch (error) {
      if (!(error instanceof this.loaded.OllamaFailure)) throw error
      this.log.warning(`${error.message} Keeping the response that stopped at the token limit.`)
      return { outcome, numPredict: predict, problem: null }
    }
    this.recorder.addCall(retried.final, retried.timeToFirstTokenMs, estimate, sentOptions(retryOptions, this.settings.keepAlive))
    return { outcome: retried, numPredict: larger, problem: this.checkPromptCount(retried, budget, estimate) }
  }

  /** Returns why the response must be left out because its prompt was cut, or null. Logs a low count that a cached prefix explains. */
  private checkPromptCount(outcome: ChatOutcome, budget: TokenBudget, estimate: number): string | null {
    const check = checkPromptEvalCount(outcome.final.prompt_eval_count, budget, estimate)
    if (check.kind === 'cached') this.log.info(check.message)
    return check.kind === 'cut' ? check.message : null
  }

  /**
   * Runs the number and direction checks and the Markdown sanitising on the final
   * answer. `runNumbers` are facts of this run besides the sheet: the context window
   * and the counts of facts left out.
   */
  private check(outcome: ChatOutcome, numPredict: number | undefined, model: ResolvedModel, runNumbers: FactNumber[]): Narrative {
    const cut = outcome.final.done_reason === 'length'
    const text = cut ? `${outcome.text.trimEnd()} …` : outcome.text
    const numbers = [...this.sheet.numbers, ...optionNumbers(this.settings), ...runNumbers]
    const identifiers = [...this.sheet.identifiers, this.settings.model, model.name].sort((a, b) => b.length - a.length)
    const check = sentenceCheck(this.sheet, numbers, identifiers)
    const sanitized = this.loaded.sanitizeNarrative(text, { allowedOrigins: this.allowedOrigins, check })

    for (const removed of sanitized.removed) {
      this.log.info(`Removed from the narrative (${removed.reason}): ${JSON.stringify(removed.sentence.slice(0, 300))}`)
    }
    const removedCount = sanitized.removed.length
    const reasons = describeRemovals(sanitized.removed)
    if (removedCount > 0 && this.settings.numberCheck === 'replace-narrative') {
      return this.result('rejected', null, `The narrative was withheld because ${plural(removedCount, 'sentence')} failed the checks: ${reasons}.`, removedCount)
    }
    if (sanitized.markdown === '') {
      return this.result('rejected', null, `The narrative was withheld because every sentence failed the checks: ${reasons}.`, removedCount)
    }
    if (removedCount > 0) {
      this.notes.push(`Removed ${plural(removedCount, 'sentence')} that failed the checks: ${reasons}.`)
    }
    if (cut) {
      const limit = numPredict !== undefined && numPredict > 0 ? `num_predict ${numPredict}` : 'num_predict unset, so the limit came from the Modelfile or the end of the context window'
      this.notes.push(`The narrative was cut at the token limit (${limit}) and is incomplete.`)
      this.log.warning(`The narrative from ${this.settings.model} stopped at the token limit (done_reason: length, ${limit}) and is marked as cut.`)
    }
    return this.result(cut ? 'cut' : 'generated', sanitized.markdown, null, removedCount)
  }

  private result(status: NarrativeStatus, markdown: string | null, problem: string | null, removedSentences = 0): Narrative {
    if (problem !== null) this.log.warning(problem)
    const note = [problem, ...this.notes].filter(part => part !== null).join(' ')
    return { status, markdown, note: note === '' ? null : note, removedSentences, factsTrimmed: this.factsTrimmed, run: this.metrics() }
  }
}

/** Result of the `prompt_eval_count` check: the prompt was read whole, was cut, or its count is low because of a cached prefix. */
export type PromptCountCheck = { kind: 'whole' } | { kind: 'cut' | 'cached'; message: string }

/**
 * Checks `prompt_eval_count` for a cut prompt. Ollama drops the start of a prompt
 * longer than `num_ctx` and responds as usual, and the count is the only trace: the
 * whole window, half of it plus 2 (what recent versions keep), or far below the
 * estimate. A count far below the estimate means a cut only when the prompt could
 * overflow the window, because the estimate is rough. Otherwise it is what Ollama
 * reports for a prompt whose prefix it still has cached: only the new tokens. A
 * missing count is not checked.
 */
export function checkPromptEvalCount(promptEvalCount: number | undefined | null, budget: TokenBudget, estimate: number): PromptCountCheck {
  if (typeof promptEvalCount !== 'number') return { kind: 'whole' }
  const context = budget.contextTokens
  const leftOut = `The narrative was left out because the context window (${formatCount(context)} tokens) was too small`
  const evaluated = `Ollama evaluated ${formatCount(promptEvalCount)} prompt tokens`

  if (promptEvalCount >= context) {
    return { kind: 'cut', message: `${leftOut}: ${evaluated}, the whole context window (num_ctx ${context}), so the prompt was probably cut.` }
  }
  const halfWindow = Math.floor(context / 2) + 2
  if (promptEvalCount === halfWindow && estimate > promptEvalCount * 1.05) {
    return {
      kind: 'cut',
      message: `${leftOut}: ${evaluated}, half the context window plus 2 (num_ctx ${context}), which is what Ollama keeps of a longer prompt, for a prompt of about ${formatCount(estimate)} tokens, so the prompt was probably cut.`
    }
  }
  if (promptEvalCount >= estimate * 0.5) return { kind: 'whole' }

  // NOTE: half the window is a guessed margin for the rough token estimate, not a measured one.
  const couldOverflow = estimate >= context / 2 || estimate + budget.answerTokens > context
  if (couldOverflow) {
    return {
      kind: 'cut',
      message: `${leftOut}: ${evaluated}, far below the estimate of about ${formatCount(estimate)} for a prompt that may not fit, so the start of the prompt was probably dropped.`
    }
  }
  return {
    kind: 'cached',
    message: `${evaluated} of about ${formatCount(estimate)} estimated. The prompt fits the context window (${formatCount(context)} tokens), so the rest was probably a cached prompt prefix.`
  }
}

/** Groups of removal reasons, for the note: the reason prefix the checks log and the words for one and for several sentences. */
const REMOVAL_KINDS: { prefix: string; one: string; several: string }[] = [
  { prefix: NUMBERS_REASON, one: 'numbers not in the computed facts', several: 'numbers not in the computed facts' },
  { prefix: DIRECTION_REASON, one: 'a direction that contradicts the computed comparison', several: 'directions that contradict the computed comparison' },
  { prefix: APPROVAL_REASON, one: 'a merge verdict or approval', several: 'merge verdicts or approvals' },
  { prefix: LINK_REASON, one: 'a link to another host', several: 'links to other hosts' }
]

/** Describes removed sentences by reason, such as `1 with a link to another host, 1 with merge verdicts or approvals`. */
export function describeRemovals(removed: readonly RemovedSentence[]): string {
  const parts: string[] = []
  let other = 0
  const counts = REMOVAL_KINDS.map(() => 0)
  for (const { reason } of removed) {
    const index = REMOVAL_KINDS.findIndex(kind => reason.startsWith(kind.prefix))
    if (index === -1) other += 1
    else counts[index] += 1
  }
  for (const [index, kind] of REMOVAL_KINDS.entries()) {
    if (counts[index] > 0) parts.push(`${formatCount(counts[index])} with ${counts[index] === 1 ? kind.one : kind.several}`)
  }
  if (other > 0) parts.push(`${formatCount(other)} for other reasons`)
  return parts.join(', ')
}

/** Builds the sentence check: approval wording, contradicting directions and numbers that match no fact. */
function sentenceCheck(sheet: FactSheet, numbers: FactNumber[], identifiers: string[]): SentenceCheck {
  return sentence => {
    const claim = checkClaims(sentence, sheet.subjects)
    if (claim === 'approval') return APPROVAL_REASON
    if (claim === 'direction') return DIRECTION_REASON
    const unmatched = findStatedNumbers(maskIdentifiers(sentence, identifiers)).filter(stated => !matchesFact(stated, numbers))
    return unmatched.length === 0 ? null : `${NUMBERS_REASON}: ${unmatched.map(stated => stated.text).join(', ')}`
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
