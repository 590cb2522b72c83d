/**
 * Renders the model's answer as untrusted Markdown: parsed with mdast (CommonMark
 * and GitHub Flavored Markdown), stripped of everything that could act on the pull
 * request page, checked sentence by sentence, and serialised again.
 */
import type { Code, Heading, Nodes, Paragraph, Parent, PhrasingContent, Root, RootContent, Table, TableCell, Text } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown, gfmToMarkdown } from 'mdast-util-gfm'
import { toMarkdown } from 'mdast-util-to-markdown'
import { gfm } from 'micromark-extension-gfm'
import { visit } from 'unist-util-visit'
import { MARKER_PREFIX } from '../publish/markers.js'
import { LINK_REASON } from './reasons.js'

/** Returns why a sentence must go (for the log), or null to keep it. */
export type SentenceCheck = (sentence: string) => string | null

export interface SanitizeOptions {
  /** Origins whose links are kept, such as `https://github.com`; every other link is removed. */
  allowedOrigins?: readonly string[]
  /** Depth of the narrative's top heading, so it nests under the report's own section. */
  topHeadingDepth?: number
  /** Sentence check; without one, no sentence is removed. */
  check?: SentenceCheck
}

export interface RemovedSentence {
  sentence: string
  reason: string
}

export interface SanitizedNarrative {
  markdown: string
  removed: RemovedSentence[]
}

/** Depth of the narrative's top heading: the report puts the narrative under a level-2 section. */
export const NARRATIVE_TOP_HEADING_DEPTH = 3

const LINK_REMOVED = '(link removed)'
export { LINK_REASON }
const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' })

/**
 * Sanitises a narrative. Raw HTML (comments included), images, link definitions and
 * links to origins not allowed are removed. A removed link keeps its text unless the
 * text shows the address, and then its whole sentence goes when there is a `check`.
 * Text resembling the action's comment marker and sentences rejected by `check` are
 * removed. `@mentions` and cross-repository references become inline code, and
 * headings are demoted under the report's section.
 */
export function sanitizeNarrative(markdown: string, options: SanitizeOptions = {}): SanitizedNarrative {
  const tree = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })
  const allowed = new Set((options.allowedOrigins ?? []).map(origin => safeOrigin(origin)).filter(origin => origin !== null))

  tree.children = cleanChildren(tree, allowed) as RootContent[]
  const removed: RemovedSentence[] = []
  if (options.check !== undefined) filterBlocks(tree, options.check, removed)
  tidyText(tree)
  neutraliseReferences(tree)
  demoteHeadings(tree, options.topHeadingDepth ?? NARRATIVE_TOP_HEADING_DEPTH)

  const serialised = tree.children.length === 0
    ? ''
    : toMarkdown(tree, {
        extensions: [gfmToMarkdown()],
        bullet: '-',
        emphasis: '_',
        fences: true,
        listItemIndent: 'one',
        rule: '-'
      })
  return { markdown: stripMarkers(serialised).trim(), removed }
}

/** Removes comment delimiters and the marker prefix, whatever the context (text, code, escapes). */
function stripMarkers(text: string): string {
  return text.replace(/<!--|-->/g, '').replace(new RegExp(MARKER_PREFIX.replace(/[-]/g, '\\-'), 'gi'), '')
}

function safeOrigin(url: string): string | null {
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null
  } catch {
    return null
  }
}

/** The structural pass: returns a parent's children without dangerous nodes. */
function cleanChildren(parent: Parent, allowed: Set<string>): Nodes[] {
  const kept: Nodes[] = []
  // Inline `<script>…</script>` and the like: the text between the tags goes too.
  let skipUntil: RegExp | null = null
  for (const child of parent.children as Nodes[]) {
    if (skipUntil !== null) {
      if (child.type === 'html' && skipUntil.test(child.value)) skipUntil = null
      continue
    }
    switch (child.type) {
      case 'html': {
        const raw = /^<(script|style|textarea|title|iframe|noscript)\b/i.exec(child.value)
        if (raw !== null && !new RegExp(`</${raw[1]}\\s*>`, 'i').test(child.value)) skipUntil = new RegExp(`^</${raw[1]}\\s*>`, 'i')
        continue
      }
      case 'image':
      case 'imageReference':
      case 'definition':
        continue
      case 'link': {
        const origin = safeOrigin(child.url)
        if (origin !== null && allowed.has(origin)) {
          child.children = cleanChildren(child, allowed) as PhrasingContent[]
          kept.push(child)
        } else if (showsAddress(child, origin)) {
          kept.push({ type: 'text', value: LINK_REMOVED })
        } else {
          kept.push(...cleanChildren(child, allowed))
        }
        continue
      }
      case 'linkReference':
        kept.push(...cleanChildren(child, allowed))
        continue
      case 'text':
      case 'inlineCode':
      case 'code':
        child.value = stripMarkers(child.value)
        kept.push(child)
        continue
      default:
        if ('children' in child) (child as Parent).children = cleanChildren(child as Parent, allowed) as RootContent[]
        kept.push(child)
    }
  }
  return kept
}

/** True when the link's text is or contains its address (an autolink), so keeping the text would keep the address. */
function showsAddress(link: Nodes, origin: string | null): boolean {
  const text = plainText(link).toLowerCase()
  if (/[a-z][a-z0-9+.-]*:\/\/|www\.|@/.test(text)) return true
  if (origin === null) return false
  return text.includes(new URL(origin).hostname.toLowerCase())
}

/** Removes rejected sentences from block content, and blocks left empty. */
function filterBlocks(parent: Parent, check: SentenceCheck, removed: RemovedSentence[]): void {
  const kept: Nodes[] = []
  for (const child of parent.children as Nodes[]) {
    switch (child.type) {
      case 'paragraph':
      case 'heading':
        if (filterPhrasing(child, check, removed)) kept.push(child)
        break
      case 'table':
        if (filterTable(child, check, removed)) kept.push(child)
        break
      case 'code':
        if (filterCode(child, check, removed)) kept.push(child)
        break
      case 'list':
      case 'listItem':
      case 'blockquote':
      case 'footnoteDefinition':
        filterBlocks(child, check, removed)
        if (child.children.length > 0) kept.push(child)
        break
      default:
        kept.push(child)
    }
  }
  parent.children = kept as RootContent[]
}

interface Leaf {
  node: Nodes
  parent: Parent
  start: number
  end: number
}

/** Removes rejected sentences from a paragraph or heading; returns false when nothing is left. */
function filterPhrasing(block: Paragraph | Heading | TableCell, check: SentenceCheck, removed: RemovedSentence[]): boolean {
  const leaves: Leaf[] = []
  const text = flatten(block, leaves)
  const ranges: [number, number][] = []
  for (const segment of segmenter.segment(text)) {
    const sentence = segment.segment.trim()
    if (sentence === '') continue
    const reason = sentence.includes(LINK_REMOVED) ? LINK_REASON : check(sentence)
    if (reason === null) continue
    removed.push({ sentence, reason })
    ranges.push([segment.index, segment.index + segment.segment.length])
  }
  for (const [start, end] of ranges.reverse()) removeRange(leaves, start, end)
  prune(block)
  trimEdges(block)
  return plainText(block).trim() !== ''
}

/** Concatenates the phrasing text of a block and records where each leaf sits in it. */
function flatten(parent: Parent, leaves: Leaf[], offset = { value: 0 }, parts: string[] = []): string {
  for (const child of parent.children as Nodes[]) {
    if (child.type === 'text' || child.type === 'inlineCode') {
      leaves.push({ node: child, parent, start: offset.value, end: offset.value + child.value.length })
      offset.value += child.value.length
      parts.push(child.value)
    } else if (child.type === 'break') {
      leaves.push({ node: child, parent, start: offset.value, end: offset.value + 1 })
      offset.value += 1
      parts.push('\n')
    } else if ('children' in child) {
      flatten(child as Parent, leaves, offset, parts)
    }
  }
  return parts.join('')
}

function removeRange(leaves: Leaf[], start: number, end: number): void {
  for (const leaf of leaves) {
    if (leaf.end <= start || leaf.start >= end) continue
    const node = leaf.node
    if (node.type === 'text' || node.type === 'inlineCode') {
      const from = Math.max(0, start - leaf.start)
      const to = Math.min(node.value.length, end - leaf.start)
      node.value = node.value.slice(0, from) + node.value.slice(to)
    } else {
      leaf.parent.children = leaf.parent.children.filter(child => child !== node)
    }
  }
}

/** Removes empty text and empty inline containers left by sentence removal. */
function prune(parent: Parent): void {
  const kept: Nodes[] = []
  for (const child of parent.children as Nodes[]) {
    if ((child.type === 'text' || child.type === 'inlineCode') && child.value === '') continue
    if ('children' in child && !['tableCell', 'tableRow'].includes(child.type)) {
      prune(child as Parent)
      if ((child as Parent).children.length === 0) continue
    }
    kept.push(child)
  }
  parent.children = kept as RootContent[]
}

function trimEdges(block: Parent): void {
  const texts: Text[] = []
  visit(block, 'text', (node: Text) => {
    texts.push(node)
  })
  if (texts.length === 0) return
  texts[0].value = texts[0].value.trimStart()
  texts[texts.length - 1].value = texts[texts.length - 1].value.trimEnd()
}

/** Removes table rows with a rejected sentence in any cell; returns false when the header row goes. */
function filterTable(table: Table, check: SentenceCheck, removed: RemovedSentence[]): boolean {
  const rows = table.children.filter((row, index) => {
    const rejected = row.children.some(cell => {
      const text = plainText(cell)
      for (const segment of segmenter.segment(text)) {
        const sentence = segment.segment.trim()
        const reason = sentence === '' ? null : check(sentence)
        if (reason !== null) {
          removed.push({ sentence: row.children.map(plainText).join(' | '), reason })
          return true
        }
      }
      return false
    })
    if (rejected && index === 0) return false
    return !rejected
  })
  if (rows.length === 0 || rows[0] !== table.children[0]) return false
  table.children = rows
  return rows.length > 1
}

/** Removes code lines with a rejected statement; returns false when nothing is left. */
function filterCode(code: Code, check: SentenceCheck, removed: RemovedSentence[]): boolean {
  const lines = code.value.split('\n').filter(line => {
    const reason = line.trim() === '' ? null : check(line.trim())
    if (reason !== null) removed.push({ sentence: line.trim(), reason })
    return reason === null
  })
  code.value = lines.join('\n')
  return code.value.trim() !== ''
}

/**
 * Merges adjacent text nodes and collapses the double spaces and edge spaces that
 * removed nodes leave behind (serialised, an edge space would become `&#x20;`).
 */
function tidyText(tree: Root): void {
  visit(tree, node => {
    if (!('children' in node)) return
    const parent = node as Parent
    const merged: Nodes[] = []
    for (const child of parent.children as Nodes[]) {
      const previous = merged.at(-1)
      if (child.type === 'text' && previous?.type === 'text') previous.value += child.value
      else merged.push(child)
    }
    for (const child of merged) if (child.type === 'text') child.value = child.value.replace(/ {2,}/g, ' ')
    parent.children = merged.filter(child => child.type !== 'text' || child.value !== '') as RootContent[]
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') trimEdges(parent)
  })
}

// `@user`, `@org/team`, `owner/repo#12`, `owner/repo@sha`, `#12` and `GH-12` notify people or link other threads on GitHub.
const REFERENCE =
  /(?<![\p{L}\p{N}_`.\/@-])@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\/[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9])?)?|(?<![\p{L}\p{N}_.\/-])[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9_.-]+(?:#\d+|@[0-9a-f]{7,40})\b|(?<![\p{L}\p{N}_&\/#])#\d+\b|\bGH-\d+\b/gu

/** Puts mentions and cross-references into inline code, where GitHub does not resolve them. */
function neutraliseReferences(tree: Root): void {
  visit(tree, 'text', (node: Text, index, parent) => {
    if (parent === undefined || index === undefined) return
    const pieces: PhrasingContent[] = []
    let last = 0
    for (const match of node.value.matchAll(REFERENCE)) {
      if (match.index > last) pieces.push({ type: 'text', value: node.value.slice(last, match.index) })
      pieces.push({ type: 'inlineCode', value: match[0] })
      last = match.index + match[0].length
    }
    if (pieces.length === 0) return
    if (last < node.value.length) pieces.push({ type: 'text', value: node.value.slice(last) })
    ;(parent as Parent).children.splice(index, 1, ...(pieces as RootContent[]))
    return index + pieces.length
  })
}

function demoteHeadings(tree: Root, topDepth: number): void {
  const headings: Heading[] = []
  visit(tree, 'heading', (node: Heading) => {
    headings.push(node)
  })
  if (headings.length === 0) return
  const shift = topDepth - Math.min(...headings.map(heading => heading.depth))
  for (const heading of headings) {
    heading.depth = Math.min(6, Math.max(topDepth, heading.depth + shift)) as Heading['depth']
  }
}

function plainText(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value
  if (node.type === 'break') return '\n'
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('')
  return ''
}
