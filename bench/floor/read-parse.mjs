// Floor of the whole-action benchmarks: reads and parses the files named in a list,
// one path per line, and does nothing else. It uses the libraries the action uses:
// csv-parse for CSV and TSV, JSON.parse for JSON and JSON Lines, and a plain UTF-8
// read for Markdown. Plain JavaScript, so that it starts as fast as the bundled
// action does.
// Prints one JSON line: files read, CSV records, files that failed to parse.
//
//   node bench/floor/read-parse.mjs <list-file>
import { createReadStream, readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { extname } from 'node:path'
import { parse } from 'csv-parse'

const listPath = process.argv[2]
if (listPath === undefined) {
  process.stderr.write('Usage: node bench/floor/read-parse.mjs <list-file>\n')
  process.exit(2)
}
const paths = readFileSync(listPath, 'utf8').split('\n').filter(line => line !== '')

const totals = { files: 0, records: 0, errors: 0 }

// The parser options the action's CSV reader sets, so both parse the same way.
async function parseDelimited(path, delimiter) {
  const parser = createReadStream(path).pipe(
    parse({ delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true })
  )
  for await (const _record of parser) totals.records++
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
      await readFile(path, 'utf8')
    }
  } catch {
    // The action reports such a file and goes on; so does the floor.
    totals.errors++
  }
}
process.stdout.write(`${JSON.stringify(totals)}\n`)
