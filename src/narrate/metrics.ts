/**
 * Model run figures, added up over the calls of one narrative run (two in the
 * two-stage mode or after a retry for a cut answer).
 */
import type { ChatResponse } from 'ollama'
import type { ModelRunMetrics } from './types.js'

type Counter = 'total_duration' | 'load_duration' | 'prompt_eval_duration' | 'eval_duration' | 'eval_count' | 'prompt_eval_count'

/** Collects the figures of each call and reports their totals. */
export class RunRecorder {
  private timeToFirstTokenMs: number | null = null
  private estimate = 0
  private doneReason: string | null = null
  private readonly finals: Partial<ChatResponse>[] = []

  constructor(
    private model: string,
    private digest: string | null,
    private options: Record<string, number | string | string[]>,
    private readonly factsHash: string
  ) {}

  /** Sets the model as the server lists it. */
  setModel(name: string, digest: string | null): void {
    this.model = name
    this.digest = digest
  }

  /** Records one finished call: its final chunk, time to first token, prompt estimate and the options sent. */
  addCall(final: Partial<ChatResponse>, timeToFirstTokenMs: number | null, promptEstimate: number, options: Record<string, number | string | string[]>): void {
    if (this.finals.length === 0) this.timeToFirstTokenMs = timeToFirstTokenMs
    this.estimate += promptEstimate
    this.doneReason = typeof final.done_reason === 'string' ? final.done_reason : null
    this.options = options
    this.finals.push(final)
  }

  /**
   * Returns the figures. `calls` counts every chat request, failed ones and retries
   * included; `wallClockMs` is the client time of all of them, null without any.
   */
  metrics(calls: number, wallClockMs: number | null): ModelRunMetrics {
    const evalCount = this.sum('eval_count')
    const evalDuration = this.sum('eval_duration')
    return {
      model: this.model,
      digest: this.digest,
      calls,
      tokensPerSecond: evalCount !== null && evalDuration !== null && evalDuration > 0 ? (evalCount / evalDuration) * 1e9 : null,
      timeToFirstTokenMs: this.timeToFirstTokenMs,
      wallClockMs,
      totalDurationMs: nanosToMillis(this.sum('total_duration')),
      loadDurationMs: nanosToMillis(this.sum('load_duration')),
      promptEvalDurationMs: nanosToMillis(this.sum('prompt_eval_duration')),
      evalDurationMs: nanosToMillis(evalDuration),
      tokensGenerated: evalCount,
      promptTokens: this.sum('prompt_eval_count'),
      promptTokensEstimate: this.finals.length > 0 ? this.estimate : null,
      doneReason: this.doneReason,
      options: this.options,
      factsHash: this.factsHash
    }
  }

  /** Sum over the finished calls, or null when any call lacks the counter (a missing counter is unknown, not 0). */
  private sum(counter: Counter): number | null {
    if (this.finals.length === 0) return null
    let total = 0
    for (const final of this.finals) {
      const value = final[counter]
      if (typeof value !== 'number' || !Number.isFinite(value)) return null
      total += value
    }
    return total
  }
}

function nanosToMillis(nanoseconds: number | null): number | null {
  return nanoseconds === null ? null : nanoseconds / 1e6
}
