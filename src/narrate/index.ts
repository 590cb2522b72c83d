/**
 * Narrate stage: asks the runner's Ollama for a narrative around the computed
 * facts, checks every number in it against those facts, and sanitises it.
 */
import type { Analysis } from '../analyze/types.js'
import type { Comparison } from '../compare/types.js'
import type { NarrateSettings } from '../settings/index.js'
import type { Logger } from '../logger.js'
import type { Narrative } from './types.js'

export type * from './types.js'

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
}

/** Produces the narrative, or a narrative with status and note that say why there is none. Never throws for Ollama faults. */
export async function writeNarrative(input: NarrateInput, settings: NarrateSettings, log: Logger): Promise<Narrative> {
  throw new Error('not implemented')
}
