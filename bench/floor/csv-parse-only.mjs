// Floor of the large-CSV benchmark: csv-parse alone in its fastest streaming
// configuration (default options: records as arrays of strings, no casting, no
// column names) on one file, counting the records. Plain JavaScript, so that it
// starts as fast as the bundled command-line preview does.
// Prints one JSON line: records.
//
//   node bench/floor/csv-parse-only.mjs <file.csv>
import { createReadStream } from 'node:fs'
import { parse } from 'csv-parse'

const path = process.argv[2]
if (path === undefined) {
  process.stderr.write('Usage: node bench/floor/csv-parse-only.mjs <file.csv>\n')
  process.exit(2)
}

let records = 0
const parser = createReadStream(path).pipe(parse())
parser.on('data', () => {
  records++
})
parser.on('error', error => {
  process.stderr.write(`${path}: ${error.message}\n`)
  process.exit(1)
})
parser.on('end', () => {
  process.stdout.write(`${JSON.stringify({ records })}\n`)
})
