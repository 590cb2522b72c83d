/**
 * Compare stage: finds the baseline, matches series, and decides the gate verdict.
 */
import type { Analysis } from '../analyze/types.js'
import type { GateSettings } from '../settings/index.js'
import type { Logger } from '../logger.js'
import type { BaselineSource, Comparison } from './types.js'

export type * from './types.js'

/** What the compare stage needs to know about the run. */
export interface BaselineContext {
  workspace: string
  eventName: string
  /** `pull_request.base.sha` of a pull request event, else null. */
  baseSha: string | null
  /** The repository's default branch from the event payload, for `workflow_dispatch`. */
  defaultBranch: string | null
}

/** A baseline tree ready for analysis, and how to remove it afterwards. */
export interface BaselineTree {
  source: BaselineSource
  /** Folder that holds the base versions of the artifacts, laid out as in the workspace; null when there is none. */
  root: string | null
  cleanup: () => Promise<void>
}

/** Materialises the base versions of the artifacts from git (or `baseline-path`). */
export async function loadBaseline(settings: GateSettings, context: BaselineContext, patterns: string[], log: Logger): Promise<BaselineTree> {
  throw new Error('not implemented')
}

/** Compares head with base (null when there is no baseline) and decides the verdict. */
export async function compareAnalyses(head: Analysis, base: Analysis | null, source: BaselineSource, settings: GateSettings, workspace: string, log: Logger): Promise<Comparison> {
  throw new Error('not implemented')
}
