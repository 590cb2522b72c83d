// Floor of the whole-action benchmarks: reads and parses the files named in a list,
// one path per line, and does nothing else. It uses the libraries the action uses:
// csv-parse for CSV and TSV, JSON.parse for JSON and JSON Lines, and micromark with
// the GFM table extension (through mdast-util-from-markdown) for Markdown, each
// Markdown file parsed whole. With --markdown-read-only it reads Markdown files
// without parsing them, a second floor that the corpus benchmark reports for
// context. Plain JavaScript, so that it starts as fast as the bundled action does.
// Prints one JSON line: files read, CSV records, Markdown tables, files that failed to parse.
//
//   node bench/floor/read-parse.mjs <list-file> [--markdown-read-only]
import { createReadStream, readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { extname } from 'node:path'
import { parse } from 'csv-parse'

const [listPath, ...options] = process.argv.slice(2)
const unknown = options.filter(option => option !== '--markdown-read-only')
if (listPath === undefined || listPath.startsWith('--') || unknown.length > 0) {
  process.stderr.write('Usage: node bench/floor/read-parse.mjs <list-file> [--markdown-read-only]\n')
  process.exit(2)
}
const parseMarkdownFiles = !options.includes('--markdown-read-only')
const paths = readFileSync(listPath, 'utf8').split('\n').filter(line => line !== '')

const totals = { files: 0, records: 0, tables: 0, errors: 0 }

// The parser options the action's CSV reader sets, so both parse the same way.
async function parseDelimited(path, delimiter) {
  const parser = createReadStream(path).pipe(
    parse({ delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true })
  )
  for await (const _record of parser) totals.records++
}

let markdownParser

// Loaded on the first Markdown file, as the action loads it, so that a list without
// Markdown files does not pay for it.
async function parseMarkdown(text) {
  markdownParser ??= Promise.all([import('mdast-util-from-markdown'), import('mdast-util-gfm-table'), import('micromark-extension-gfm-table')]).then(
    ([{ fromMarkdown }, { gfmTableFromMarkdown }, { gfmTable }]) =>
      source => fromMarkdown(source, { extensions: [gfmTable()], mdastExtensions: [gfmTableFromMarkdown()] })
  )
  const tree = (await markdownParser)(text)
  totals.tables += countTables(tree)
}

function countTables(node) {
  if (node.type === 'table') return 1
  let count = 0
  for (const child of node.children ?? []) count += countTables(child)
  return count
}

for (const path of paths) {
  const extension = extname(path).toLowerCase()
  totals.files++
  try {
    if (extension === '.csv' || extension === '.tsv') {
      await parseDelimited(path, extension === '.tsv' ? '\t' : ',')
    } else if (extension === '.json') {
      JSON.parse(await readFile(path, 'utf8'))
    } else if (extension === '.jsonl' || extension === '.ndjson') {
      for (const line of (await readFile(path, 'utf8')).split('\n')) if (line.trim() !== '') JSON.parse(line)
    } else {
      const text = await readFile(path, 'utf8')
      if (parseMarkdownFiles) await parseMarkdown(text)
    }
  } catch {
    // The action reports such a file and goes on; so does the floor.
    totals.errors++
  }
}
process.stdout.write(`${JSON.stringify(totals)}\n`)
