/** The inventory: file counts per type and per top folder, newest times, and skipped files with reasons. */
import type { Inventory, InventoryGroup } from '../../analyze/types.js'
import type { SkippedFile } from '../../collect/types.js'
import { formatCount } from '../../format.js'
import { codeSpan, escapeMarkdown } from '../escape.js'
import type { Block } from './layout.js'
import { compareText } from './series-index.js'
import { EMPTY_CELL, countOf, tableHeader, tableRow } from './table.js'

export interface InventoryPriorities {
  tables: number
  skipped: number
}

/** Builds the inventory tables and the list of skipped files. */
export function inventoryBlocks(inventory: Inventory, priorities: InventoryPriorities): Block[] {
  const summary = [
    `${countOf(inventory.totalFiles, 'file')} found, ${formatCount(inventory.parsedFiles)} parsed`,
    inventory.proseFiles > 0 ? `${formatCount(inventory.proseFiles)} read as prose only (no tables)` : null,
    `${formatCount(inventory.skipped.length)} skipped.`
  ]
    .filter(part => part !== null)
    .join(', ')

  const groups = [...Object.values(inventory.byType), ...Object.values(inventory.byFolder)]
  const timeColumn = groups.every(group => group.newestSource !== 'filesystem') ? 'Newest commit' : 'Newest time'
  const typeRows = sortedGroups(inventory.byType, compareByName).map(([name, group]) => tableRow([escapeMarkdown(name), formatCount(group.files), timeCell(group, inventory.history)]))
  const folderRows = sortedGroups(inventory.byFolder, compareBySize).map(([name, group]) => tableRow([codeSpan(name, '(workspace root)'), formatCount(group.files), timeCell(group, inventory.history)]))

  const parts = ['### Inventory', summary, TIME_NOTE[inventory.history]]
  if (typeRows.length > 0) parts.push(`${tableHeader(['Type', 'Files', timeColumn], ['left', 'right', 'left'])}\n${typeRows.join('\n')}`)
  if (folderRows.length > 0) parts.push(`${tableHeader(['Folder', 'Files', timeColumn], ['left', 'right', 'left'])}\n${folderRows.join('\n')}`)
  const blocks: Block[] = [{ priority: priorities.tables, head: parts.join('\n\n') }]

  if (inventory.skipped.length > 0) {
    const skipped = [...inventory.skipped].sort(compareSkipped)
    blocks.push({
      priority: priorities.skipped,
      head: `#### Skipped files\n`,
      rows: skipped.map(file => ({ text: skippedLine(file), shows: [] })),
      omittedNote: count => `_${countOf(count, 'more skipped file')} not shown here._`
    })
  }
  return blocks
}

const TIME_NOTE: Record<Inventory['history'], string> = {
  git: 'Times are those of the newest commit that touched the files.',
  'shallow-git': 'The checkout is a shallow clone, so commit times are unknown; check out with `fetch-depth: 0` to get them.',
  filesystem: 'There is no git history, so times come from the file system: they say when the files were written, not committed.'
}

/** Formats the newest time of a group, naming its source unless that is git history. */
function timeCell(group: InventoryGroup, history: Inventory['history']): string {
  if (group.newest === null || group.newestSource === null) return history === 'shallow-git' ? 'unknown (shallow clone)' : 'unknown'
  const time = escapeMarkdown(group.newest)
  return group.newestSource === 'filesystem' ? `${time} (time from the file system)` : time
}

function sortedGroups(groups: Record<string, InventoryGroup>, compare: (a: [string, InventoryGroup], b: [string, InventoryGroup]) => number): [string, InventoryGroup][] {
  return Object.entries(groups).sort(compare)
}

function compareByName(a: [string, InventoryGroup], b: [string, InventoryGroup]): number {
  return compareText(a[0], b[0])
}

function compareBySize(a: [string, InventoryGroup], b: [string, InventoryGroup]): number {
  return b[1].files - a[1].files || compareText(a[0], b[0])
}

function skippedLine(file: SkippedFile): string {
  const line = file.line === undefined ? '' : ` line ${file.line}`
  return `- ${codeSpan(file.path)}${line}: ${escapeMarkdown(file.reason) || EMPTY_CELL}`
}

function compareSkipped(a: SkippedFile, b: SkippedFile): number {
  return compareText(a.path, b.path) || (a.line ?? 0) - (b.line ?? 0) || compareText(a.reason, b.reason)
}
