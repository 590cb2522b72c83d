/**
 * Prints the figures of a results file as the Markdown table of docs/benchmarks.md.
 *
 *   node --import tsx bench/to-markdown.ts [bench/results/latest.json]
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { benchRoot } from './measure.js'
import { formatValue, type BenchmarkResult, type MachineDescription } from './results.js'

interface ResultsDocument {
  date: string
  commit: string | null
  machine: MachineDescription
  options: { largeCsvMb: number; files: number; repetitions: number }
  benchmarks: BenchmarkResult[]
}

const path = process.argv[2] ?? join(benchRoot, 'results/latest.json')
const document = JSON.parse(readFileSync(path, 'utf8')) as ResultsDocument
const { machine, options } = document

const lines = [
  `Measured ${document.date.slice(0, 10)} at commit ${document.commit ?? 'unknown'} with \`--large-csv-mb ${options.largeCsvMb} --files ${options.files} --repeat ${options.repetitions}\`,`,
  `on ${machine.cpuModel}, ${machine.cpus} CPUs (nproc), ${machine.memory} of memory (free -h), Node.js ${machine.node}.`,
  '',
  '| Benchmark | Figure | Value | Goal | Met |',
  '| --- | --- | ---: | --- | --- |'
]
for (const benchmark of document.benchmarks) {
  if (benchmark.status !== 'done') {
    lines.push(`| ${benchmark.name} | ${benchmark.status}: ${benchmark.reason ?? ''} | | | |`)
    continue
  }
  for (const figure of benchmark.figures) {
    let met = ''
    if (figure.met !== null) met = figure.met ? 'met' : '**not met**'
    else if (figure.goal !== null) met = 'not evaluated'
    lines.push(`| ${benchmark.name} | ${figure.label} | ${formatValue(figure.value, figure.unit)} | ${figure.goal ?? ''} | ${met} |`)
  }
}
process.stdout.write(`${lines.join('\n')}\n`)
