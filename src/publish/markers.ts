/**
 * Hidden HTML comments that let the action find its own sticky comment and read
 * back the narrative it published. The narrate stage removes anything resembling
 * them from model output, so a narrative cannot spoof them.
 */

/** Prefix of every marker; narrative sanitising removes text that starts with it. */
export const MARKER_PREFIX = 'ollama-benchmark-report'

/** The sticky marker for one comment key, the first line of the comment body. */
export function stickyMarker(commentKey: string): string {
  return `<!-- ${MARKER_PREFIX}:sticky key=${encodeURIComponent(commentKey)} -->`
}

/** Opens the narrative section; carries the SHA-256 of the facts the narrative was written from. */
export function narrativeStartMarker(factsHash: string): string {
  return `<!-- ${MARKER_PREFIX}:narrative-start facts=${factsHash} -->`
}

export const NARRATIVE_END_MARKER = `<!-- ${MARKER_PREFIX}:narrative-end -->`

/** Reads the facts hash and the narrative Markdown between the narrative markers, or null. */
export function extractNarrative(body: string): { factsHash: string; markdown: string } | null {
  const start = new RegExp(`<!-- ${MARKER_PREFIX}:narrative-start facts=([0-9a-f]{64}) -->\\n?`).exec(body)
  if (start === null) return null
  const from = start.index + start[0].length
  const end = body.indexOf(NARRATIVE_END_MARKER, from)
  if (end < 0) return null
  return { factsHash: start[1], markdown: body.slice(from, end).trim() }
}
