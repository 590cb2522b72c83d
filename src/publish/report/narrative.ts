/**
 * The narrative section: the model's text between the narrative markers, so a
 * later run can read it back from the comment, or one line saying why there is none.
 */
import type { Narrative, NarrativeStatus } from '../../narrate/types.js'
import { codeSpan, escapeMarkdown } from '../escape.js'
import { NARRATIVE_END_MARKER, narrativeStartMarker } from '../markers.js'
import type { Block } from './layout.js'
import { countOf } from './table.js'

const WITHOUT_TEXT: Record<NarrativeStatus, string> = {
  generated: 'the model returned no text',
  reused: 'the previous narrative was empty',
  cut: 'the model returned no text',
  rejected: 'the output checks rejected the narrative',
  skipped: 'the narrative was skipped',
  failed: 'the model call failed',
  off: 'the narrative is turned off'
}

/** Builds the narrative block, which is kept or left out whole so its markers stay paired. */
export function narrativeBlock(narrative: Narrative, priority: number): Block {
  const lines: string[] = []
  const markdown = narrative.markdown?.trim() ?? ''

  if (markdown === '') {
    // Without text the section is one line, with no heading of its own.
    const reason = (narrative.note ?? WITHOUT_TEXT[narrative.status]).replace(/^No narrative:\s*/, '')
    lines.push(`_No narrative (${narrative.status}): ${escapeMarkdown(reason)}_`)
  } else {
    lines.push('### Narrative', '')
    const model = narrative.run === null ? 'the model' : codeSpan(narrative.run.model)
    lines.push(`_Written by ${model} around the computed facts above; the tables, not this text, are the record._`, '')
    const factsHash = narrative.run?.factsHash ?? ''
    // extractNarrative accepts only a SHA-256 in hex. Without one the text is shown but cannot be read back for reuse.
    const marked = /^[0-9a-f]{64}$/.test(factsHash)
    if (marked) lines.push(narrativeStartMarker(factsHash), '')
    lines.push(closeOpenFence(markdown))
    if (marked) lines.push('', NARRATIVE_END_MARKER)
    if (narrative.note !== null) lines.push('', `_${escapeMarkdown(narrative.note)}_`)
  }

  // The narrate stage names the removals and their reasons in the note, so this line is only a fallback for a narrative without one.
  if (narrative.removedSentences > 0 && narrative.note === null) {
    lines.push('', `_The output checks removed ${countOf(narrative.removedSentences, 'sentence')}._`)
  }
  return { priority, head: lines.join('\n') }
}

/**
 * Closes a code fence left open at the end of the text (a narrative cut at the
 * token limit can end inside one), which would otherwise swallow the rest of the report.
 */
export function closeOpenFence(markdown: string): string {
  let open: string | null = null
  for (const line of markdown.split('\n')) {
    const fence = /^ {0,3}(`{3,}|~{3,})/.exec(line)
    if (fence === null) continue
    const run = fence[1]
    if (open === null) open = run
    else if (run[0] === open[0] && run.length >= open.length && line.trim() === run) open = null
  }
  return open === null ? markdown : `${markdown}\n${open}`
}
