/** The "Model run" section: figures of the Ollama call that wrote (or would have written) the narrative. */
import type { ModelRunMetrics, Narrative } from '../../narrate/types.js'
import { formatCount, formatWithUnit } from '../../format.js'
import { codeSpan } from '../escape.js'
import type { Block } from './layout.js'
import { compareText } from './series-index.js'
import { tableHeader, tableRow } from './table.js'

/** Builds the section, or nothing when no model call was attempted or reused. */
export function modelRunBlocks(narrative: Narrative, priority: number): Block[] {
  const run = narrative.run
  // A run that never reached the model (narrative skipped before the call) has only n/a figures to show.
  if (run === null || (run.calls === 0 && narrative.status !== 'reused')) return []

  const rows: [string, string][] = [
    ['Model', run.digest === null ? codeSpan(run.model) : `${codeSpan(run.model)} (digest ${codeSpan(run.digest)})`],
    ['Calls', run.calls === 0 && narrative.status === 'reused' ? '0 (narrative reused, facts unchanged)' : formatCount(run.calls)],
    ['Tokens per second', formatWithUnit(run.tokensPerSecond, 'tokens/s')],
    ['Time to first token', formatWithUnit(run.timeToFirstTokenMs, 'ms')],
    ['Wall clock', formatWithUnit(run.wallClockMs, 'ms')],
    ['Server total duration', formatWithUnit(run.totalDurationMs, 'ms')],
    ['Load duration', formatWithUnit(run.loadDurationMs, 'ms')],
    ['Prompt eval duration', formatWithUnit(run.promptEvalDurationMs, 'ms')],
    ['Eval duration', formatWithUnit(run.evalDurationMs, 'ms')],
    ['Tokens generated', optionalCount(run.tokensGenerated)],
    ['Prompt tokens', promptTokens(run)],
    ['Done reason', run.doneReason === null ? 'n/a' : codeSpan(run.doneReason)],
    ['Options', options(run.options)],
    ['Facts hash', codeSpan(run.factsHash, 'n/a')]
  ]
  const table = rows.map(([name, value]) => tableRow([name, value])).join('\n')
  return [{ priority, head: `### Model run\n\n${tableHeader(['Figure', 'Value'])}\n${table}` }]
}

function optionalCount(count: number | null): string {
  return count === null || !Number.isFinite(count) ? 'n/a' : formatCount(count)
}

function promptTokens(run: ModelRunMetrics): string {
  const counted = optionalCount(run.promptTokens)
  if (run.promptTokensEstimate === null) return counted
  return `${counted} (estimated ${formatCount(run.promptTokensEstimate)} before sending)`
}

/** Lists the options sent, in name order. Options not sent take the server's and the Modelfile's defaults. */
function options(values: ModelRunMetrics['options']): string {
  const entries = Object.entries(values).sort((a, b) => compareText(a[0], b[0]))
  if (entries.length === 0) return 'none set (server and Modelfile defaults)'
  return entries.map(([name, value]) => codeSpan(`${name}=${Array.isArray(value) ? JSON.stringify(value) : String(value)}`)).join(', ')
}
