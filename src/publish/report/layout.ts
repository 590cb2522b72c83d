/**
 * Fits report blocks into a size budget. Blocks are kept in priority order and
 * shown in document order. A table keeps as many of its rows (already sorted
 * most important first) as still fit, and notes how many it left out.
 */

/** One table row, and the ids of the series it shows. */
export interface BlockRow {
  text: string
  shows: readonly string[]
}

/**
 * Builds a row whose text is rendered when first read. A report over 100,000 series
 * keeps only the rows that fit in its size limit, so most rows are never rendered.
 */
export function lazyRow(render: () => string, shows: readonly string[]): BlockRow {
  return new LazyRow(render, shows)
}

/** A class rather than an object literal with a getter, so that each row allocates no getter function of its own. */
class LazyRow implements BlockRow {
  private rendered: string | undefined

  constructor(
    private readonly render: () => string,
    readonly shows: readonly string[]
  ) {}

  get text(): string {
    this.rendered ??= this.render()
    return this.rendered
  }
}

/** A section of the report: text, optionally followed by table rows. */
export interface Block {
  /** Rank when the budget runs out: lower numbers are kept first, and equal ones in document order. */
  priority: number
  /** Markdown before the rows, such as a heading, a paragraph and the table header. */
  head: string
  /** Table rows that follow `head` directly, most important first. */
  rows?: readonly BlockRow[]
  /** Sentence for rows that did not fit, given their count. */
  omittedNote?: (count: number) => string
  /** Wraps the block in `<details>` with this summary, which must already be HTML-escaped. */
  details?: string
  /** Ids of the series that `head` itself shows. */
  shows?: readonly string[]
}

export interface LayoutResult {
  markdown: string
  /** The kept blocks as rendered, in document order; `markdown` joins them with blank lines. */
  parts: string[]
  /** Ids of the series shown in the kept blocks and rows. */
  shown: Set<string>
  /** True when a block or row was left out. */
  trimmed: boolean
  /** Blocks kept, at least in part. */
  kept: Set<Block>
}

const SEPARATOR = '\n\n'

/** Size of text as GitHub's limits count it: UTF-8 bytes, which is never less than the number of characters. */
export function sizeOf(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}

/** Keeps blocks and rows in priority order while the result stays within `maxBytes`. */
export function layoutBlocks(blocks: readonly Block[], maxBytes: number): LayoutResult {
  const kept: (number | null)[] = blocks.map(() => null)
  let remaining = maxBytes
  let trimmed = false

  const order = blocks.map((_, index) => index).sort((a, b) => blocks[a].priority - blocks[b].priority || a - b)
  for (const index of order) {
    const block = blocks[index]
    const rows = block.rows ?? []
    // Reserve room for the note as if every row were left out: its count has the most digits then.
    const fixed = sizeOf(renderBlock(block, 0, rows.length > 0)) + sizeOf(SEPARATOR)
    if (fixed > remaining) {
      trimmed = true
      continue
    }

    let rowCount = 0
    let rowBytes = 0
    while (rowCount < rows.length) {
      const size = sizeOf(rows[rowCount].text) + 1
      if (fixed + rowBytes + size > remaining) break
      rowBytes += size
      rowCount++
    }
    if (rows.length > 0 && rowCount === 0) {
      trimmed = true
      continue
    }
    if (rowCount < rows.length) trimmed = true
    kept[index] = rowCount
    remaining -= fixed + rowBytes
  }

  const parts: string[] = []
  const shown = new Set<string>()
  const keptBlocks = new Set<Block>()
  blocks.forEach((block, index) => {
    const rowCount = kept[index]
    if (rowCount === null) return
    keptBlocks.add(block)
    parts.push(renderBlock(block, rowCount, false))
    for (const id of block.shows ?? []) shown.add(id)
    for (const row of (block.rows ?? []).slice(0, rowCount)) for (const id of row.shows) shown.add(id)
  })
  return { markdown: parts.join(SEPARATOR), parts, shown, trimmed, kept: keptBlocks }
}

/**
 * Renders a block with its first `rowCount` rows. With `worstCaseNote`, the note
 * is written for all rows left out, to measure the most room it can take.
 */
function renderBlock(block: Block, rowCount: number, worstCaseNote: boolean): string {
  const rows = block.rows ?? []
  let text = block.head
  if (rowCount > 0) text += `\n${rows.slice(0, rowCount).map(row => row.text).join('\n')}`

  const omitted = worstCaseNote ? rows.length : rows.length - rowCount
  if (omitted > 0 && block.omittedNote !== undefined) text += `${SEPARATOR}${block.omittedNote(omitted)}`
  if (block.details !== undefined) text = `<details>\n<summary>${block.details}</summary>\n\n${text}\n\n</details>`
  return text
}
