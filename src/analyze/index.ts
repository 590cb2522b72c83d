/**
 * Analyze stage: recognises metrics and series in the parsed tables and computes
 * their statistics, failed runs and the inventory.
 */
import type { Collection } from '../collect/types.js'
import type { Logger } from '../logger.js'
import type { Analysis } from './types.js'

export type * from './types.js'

export interface AnalyzeOptions {
  /** Largest number of distinct series per file; further series are counted and left out. */
  maxSeries: number
}

/** Reads every collected file and computes the facts of the tree. */
export async function analyzeCollection(collection: Collection, options: AnalyzeOptions, log: Logger): Promise<Analysis> {
  throw new Error('not implemented')
}
