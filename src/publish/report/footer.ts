/** The footer: percentile method, gate settings and baseline source. */
import type { BaselineSource, GateSettingsSummary } from '../../compare/types.js'
import { formatWithUnit } from '../../format.js'
import { codeSpan, escapeMarkdown } from '../escape.js'
import type { ReportModel } from '../index.js'
import type { Block } from './layout.js'
import { MIN_SAMPLES } from './statistics.js'
import { formatPercent } from './table.js'

/** The method the analyze stage uses, named when the analysis leaves the name empty. */
export const DEFAULT_PERCENTILE_METHOD = "linear interpolation between closest ranks (numpy's default, R type 7)"

/** Builds the footer block. */
export function footerBlock(model: ReportModel, priority: number): Block {
  const method = model.head.percentileMethod.trim() === '' ? DEFAULT_PERCENTILE_METHOD : model.head.percentileMethod
  const minimums = `p90, p95 and p99 are shown from ${MIN_SAMPLES.p90}, ${MIN_SAMPLES.p95} and ${MIN_SAMPLES.p99} samples on, and read n/a with fewer`
  const lines = [
    '---',
    `**Percentiles:** ${escapeMarkdown(method)}; ${minimums}.`,
    `**Gate:** ${gateText(model.comparison.settings)}.`,
    `**Baseline:** ${baselineText(model.comparison.baseline)}.`
  ]
  return { priority, head: lines.join('\n\n') }
}

function gateText(gate: GateSettingsSummary): string {
  const parts = [
    `statistic ${gate.statistic}`,
    `threshold ${formatPercent(gate.threshold)}`,
    `alpha ${String(gate.alpha)}`,
    `absolute floor ${formatWithUnit(gate.absoluteFloorMs, 'ms')} for latency`,
    `fails on ${gate.failOn.length === 0 ? 'nothing' : gate.failOn.join(', ')}`,
    `gated metrics: latency${gate.gateMetrics.length === 0 ? '' : ` and ${gate.gateMetrics.map(name => codeSpan(name)).join(', ')}`}`,
    gate.keepColdStarts ? 'cold starts kept' : 'cold starts left out of the comparison'
  ]
  return parts.join('; ')
}

function baselineText(baseline: BaselineSource): string {
  const ref = baseline.ref === null ? '' : ` ${codeSpan(baseline.ref)}`
  switch (baseline.kind) {
    case 'git':
      return `git${ref}${baseline.commit === undefined ? '' : ` (commit ${codeSpan(baseline.commit)})`}`
    case 'path':
      return `folder${ref}`
    case 'none':
      return `none${baseline.reason === null ? '' : ` (${escapeMarkdown(baseline.reason)})`}, so the comparison was skipped`
  }
}
