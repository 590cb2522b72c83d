/**
 * Types of the narrate stage: the narrative that the runner's Ollama writes around
 * the computed facts, and the measured figures of that model call.
 */

/** Outcome of the narrative, also the `narrative-status` output. */
export const NARRATIVE_STATUSES = ['generated', 'reused', 'cut', 'rejected', 'skipped', 'failed', 'off'] as const
export type NarrativeStatus = (typeof NARRATIVE_STATUSES)[number]

/** Figures of one model call, measured as Ollama users measure them. Durations in milliseconds. */
export interface ModelRunMetrics {
  model: string
  /** Model digest from `/api/tags`, when the server listed it. */
  digest: string | null
  /** Number of generation calls made in this run (0 when reused or skipped). */
  calls: number
  /** Generated tokens per second: eval_count / eval_duration. */
  tokensPerSecond: number | null
  /** Client-side time from request start to the first non-empty chunk. */
  timeToFirstTokenMs: number | null
  /** Client wall-clock time of the whole call. */
  wallClockMs: number | null
  /** Server's `total_duration`. */
  totalDurationMs: number | null
  loadDurationMs: number | null
  promptEvalDurationMs: number | null
  evalDurationMs: number | null
  /** `eval_count`: tokens generated. */
  tokensGenerated: number | null
  /** `prompt_eval_count`: prompt tokens the server evaluated. */
  promptTokens: number | null
  /** The client's estimate of the prompt's tokens, made before sending. */
  promptTokensEstimate: number | null
  doneReason: string | null
  /** Options sent in the request; options left empty are absent and the server defaults apply. */
  options: Record<string, number | string | string[]>
  /** SHA-256 of the facts given to the model, so an unchanged report can reuse its narrative. */
  factsHash: string
}

/** The narrative as it goes into the report. */
export interface Narrative {
  status: NarrativeStatus
  /** Sanitised Markdown, ready to embed; null unless status is `generated`, `reused` or `cut`. */
  markdown: string | null
  /** One line that says why the narrative is missing, cut or reduced; null when it is complete. */
  note: string | null
  /** Sentences the output checks removed: numbers or directions that match no computed fact, merge verdicts, links to other hosts. */
  removedSentences: number
  /** True when the facts had to be shortened to fit `num_ctx`; the note says what was left out. */
  factsTrimmed: boolean
  /** Figures of the model call; null when no call was attempted. */
  run: ModelRunMetrics | null
}
