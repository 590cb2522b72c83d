/**
 * Runs the stages in order and hands each one's result to the next. Shared by the
 * action (`main.ts`) and the command-line preview (`cli.ts`).
 */
import { analyzeCollection, type FileOutcome } from './analyze/index.js'
import type { Analysis } from './analyze/types.js'
import { collectArtifacts, type CollectOptions } from './collect/index.js'
import { compareAnalyses, loadBaseline } from './compare/index.js'
import type { Logger } from './logger.js'
import { writeNarrative, type PublishedNarrative } from './narrate/index.js'
import type { Narrative } from './narrate/types.js'
import type { ReportModel, RunContext } from './publish/index.js'
import type { Settings } from './settings/index.js'

export interface PipelineContext {
  settings: Settings
  run: RunContext
  workspace: string
  baseSha: string | null
  defaultBranch: string | null
  /** Reads the narrative already published for this pull request; absent in the preview. */
  readPublishedNarrative?: () => Promise<PublishedNarrative | null>
}

/** Collects, analyzes, compares and narrates; returns everything the report is rendered from. */
export async function buildReportModel(context: PipelineContext, log: Logger): Promise<ReportModel> {
  const { settings, workspace } = context
  // Shared by the head and base passes, so files the pull request did not change are parsed once.
  const cache = new Map<string, FileOutcome>()

  const head = await log.group('Collect and analyze the artifacts', () => analyzeTree(workspace, settings, cache, new Map(), log))

  const comparison = await log.group('Compare with the baseline', async () => {
    const baseline = await loadBaseline(
      settings.gate,
      { workspace, eventName: context.run.eventName, baseSha: context.baseSha, defaultBranch: context.defaultBranch },
      settings.collect.patterns,
      log
    )
    try {
      const base = baseline.root === null ? null : await analyzeTree(baseline.root, settings, cache, baseline.blobs, log, { baseline: true })
      return await compareAnalyses(head, base, baseline.source, settings.gate, workspace, log, settings.collect.patterns)
    } finally {
      await baseline.cleanup()
    }
  })

  const narrative = await log.group('Write the narrative', async (): Promise<Narrative> => {
    const previous = settings.narrate.mode === 'off' || context.readPublishedNarrative === undefined ? null : await context.readPublishedNarrative()
    return writeNarrative({ head, comparison, previous, serverUrl: context.run.serverUrl }, settings.narrate, log)
  })

  return { head, comparison, narrative, settings, run: context.run }
}

/**
 * Collects and analyzes one tree. `blobs` gives the git blob ids of a baseline folder
 * written from git, which is not a repository itself, so the cache can match its files.
 */
async function analyzeTree(
  root: string,
  settings: Settings,
  cache: Map<string, FileOutcome>,
  blobs: ReadonlyMap<string, string>,
  log: Logger,
  options: CollectOptions = {}
): Promise<Analysis> {
  const collection = await collectArtifacts(root, settings.collect, log, options)
  for (const file of collection.files) file.blob ??= blobs.get(file.path) ?? null
  return analyzeCollection(collection, { maxSeries: settings.collect.maxSeries, cache }, log)
}
