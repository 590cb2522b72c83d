/**
 * The action's outputs, as action.yml declares them. Unknown values are empty strings,
 * so a workflow can test `steps.report.outputs.tokens-per-second != ''`.
 */
import * as core from '@actions/core'
import type { Comparison } from '../compare/types.js'
import type { Narrative } from '../narrate/types.js'
import { Outputs } from '../settings/index.js'

export interface OutputSources {
  reportPath: string
  metricsPath: string
  commentId: number | null
  commentUrl: string | null
  comparison: Comparison
  narrative: Narrative
}

/** Builds every output value by name. */
export function buildOutputs(sources: OutputSources): Record<string, string> {
  const regressions = sources.comparison.entries.filter(entry => entry.state === 'regression' && entry.failsJob).length
  const run = sources.narrative.run
  return {
    [Outputs.ReportPath]: sources.reportPath,
    [Outputs.MetricsPath]: sources.metricsPath,
    [Outputs.CommentId]: sources.commentId === null ? '' : String(sources.commentId),
    [Outputs.CommentUrl]: sources.commentUrl ?? '',
    [Outputs.Regression]: regressions > 0 ? 'true' : 'false',
    [Outputs.Regressions]: String(regressions),
    [Outputs.NarrativeStatus]: sources.narrative.status,
    [Outputs.TokensPerSecond]: numberOutput(run?.tokensPerSecond),
    [Outputs.TimeToFirstTokenMs]: numberOutput(run?.timeToFirstTokenMs),
    [Outputs.TotalDurationMs]: numberOutput(run?.totalDurationMs),
    [Outputs.TokensGenerated]: numberOutput(run?.tokensGenerated),
    [Outputs.PromptTokens]: numberOutput(run?.promptTokens),
    [Outputs.PromptEvalDurationMs]: numberOutput(run?.promptEvalDurationMs),
    [Outputs.EvalDurationMs]: numberOutput(run?.evalDurationMs),
    [Outputs.LoadDurationMs]: numberOutput(run?.loadDurationMs)
  }
}

/** Sets every output with `core.setOutput`, which appends to the `GITHUB_OUTPUT` file. */
export function setOutputs(sources: OutputSources): void {
  for (const [name, value] of Object.entries(buildOutputs(sources))) core.setOutput(name, value)
}

/** Figures keep up to 3 decimals (microseconds for durations in ms); integers stay integers. */
function numberOutput(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return ''
  return String(Math.round(value * 1000) / 1000)
}
