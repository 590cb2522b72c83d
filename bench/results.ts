/**
 * The figures the suite reports, their goals, and how they are printed and saved.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { availableParallelism, totalmem } from 'node:os'

/** The benchmarks, by the names that `--only` takes. */
export const BENCHMARK_NAMES = ['corpus', 'large-csv', 'many-files', 'startup', 'model'] as const
export type BenchmarkName = (typeof BENCHMARK_NAMES)[number]

/** A target a figure is held to; `check` returns whether a value meets it. */
export interface Goal {
  /** The goal as printed, such as "≤ 1.5×". */
  text: string
  check: (value: number) => boolean
}

export function atMost(limit: number, unit: string): Goal {
  return { text: `≤ ${limit}${unit}`, check: value => value <= limit }
}

export function atLeast(limit: number, unit: string): Goal {
  return { text: `≥ ${limit}${unit}`, check: value => value >= limit }
}

export function exactly(expected: number, unit = ''): Goal {
  return { text: `= ${expected.toLocaleString('en-US')}${unit}`, check: value => value === expected }
}

/** One reported number. Figures without a goal are context for the ones with a goal. */
export interface Figure {
  /** Stable key for comparing runs, such as `corpus.time-ratio`. */
  key: string
  label: string
  value: number | null
  /** Unit as printed after the value: `×`, `ms`, `MB`, `MB/s`, `rows`, `tokens`, or '' for a count. */
  unit: string
  goal: string | null
  /** Whether the value meets the goal; null for a figure without a goal, or one whose goal does not apply to this run. */
  met: boolean | null
  /** Reason the goal was not evaluated, or a remark on how the value was measured. */
  note?: string
}

/** Creates a figure and evaluates its goal; a goal is not evaluated when `applies` is false or the value is null. */
export function figure(key: string, label: string, value: number | null, unit: string, goal: Goal | null = null, note?: string, applies = true): Figure {
  const met = goal === null || value === null || !applies ? null : goal.check(value)
  return { key, label, value, unit, goal: goal?.text ?? null, met, ...(note === undefined ? {} : { note }) }
}

/** Result of one benchmark. A failed or skipped benchmark has a reason and may have no figures. */
export interface BenchmarkResult {
  name: BenchmarkName
  title: string
  status: 'done' | 'skipped' | 'failed'
  reason: string | null
  /** Description of the measured inputs and commands, such as file sizes and repetitions. */
  setup: string[]
  figures: Figure[]
  /** Raw measurements (every repetition), for a reader who doubts a median. */
  samples: Record<string, unknown>
  durationMs: number
}

/** The machine the figures were measured on. */
export interface MachineDescription {
  cpuModel: string
  cpus: number
  /** Total memory as free -h prints it, such as 23Gi. */
  memory: string
  node: string
  platform: string
}

export function describeMachine(): MachineDescription {
  let cpuModel = 'unknown'
  try {
    cpuModel = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpuModel
  } catch {
    // Not Linux: the model name stays unknown.
  }
  let memory = `${(totalmem() / 2 ** 30).toFixed(1)}Gi`
  try {
    // The "total" column of the "Mem:" line of free -h, such as 23Gi.
    memory = /^Mem:\s+(\S+)/m.exec(execFileSync('free', ['-h'], { encoding: 'utf8' }))?.[1] ?? memory
  } catch {
    // Without free(1), the total from Node.js is enough.
  }
  return { cpuModel, cpus: availableParallelism(), memory, node: process.version, platform: `${process.platform}-${process.arch}` }
}

/** Returns the commit the figures belong to, with `-dirty` when the work tree has changes; null outside git. */
export function describeCommit(repoRoot: string): string | null {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim()
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: repoRoot, encoding: 'utf8' }).trim() !== ''
    return dirty ? `${commit}-dirty` : commit
  } catch {
    return null
  }
}

/** Formats a figure's value with a precision that suits its unit. */
export function formatValue(value: number | null, unit: string): string {
  if (value === null) return 'n/a'
  let text: string
  if (unit === '×') text = value.toFixed(2)
  else if (Number.isInteger(value)) text = value.toLocaleString('en-US')
  else if (Math.abs(value) >= 100) text = value.toFixed(0)
  else text = value.toFixed(1)
  if (unit === '') return text
  return unit === '×' ? `${text}×` : `${text} ${unit}`
}

/** Formats one benchmark for printing: setup lines, then one line per figure with its goal and verdict. */
export function formatBenchmark(result: BenchmarkResult): string {
  const lines = [`${result.title} [${result.name}]: ${result.status}${result.reason === null ? '' : `: ${result.reason}`}`]
  for (const line of result.setup) lines.push(`  ${line}`)
  const labelWidth = Math.max(0, ...result.figures.map(entry => entry.label.length))
  const valueWidth = Math.max(0, ...result.figures.map(entry => formatValue(entry.value, entry.unit).length))
  const goalWidth = Math.max(0, ...result.figures.map(entry => (entry.goal === null ? 0 : `goal ${entry.goal}`.length)))
  for (const entry of result.figures) {
    let verdict = ''
    if (entry.met !== null) verdict = entry.met ? 'met' : 'NOT MET'
    const goal = entry.goal === null ? '' : `goal ${entry.goal}`
    lines.push(`  ${[entry.label.padEnd(labelWidth), formatValue(entry.value, entry.unit).padStart(valueWidth), goal.padEnd(goalWidth), verdict].join('   ').trimEnd()}`)
    if (entry.note !== undefined) lines.push(`      ${entry.note}`)
  }
  lines.push(`  (${(result.durationMs / 1000).toFixed(1)} s)`)
  return lines.join('\n')
}

/** Return value of a benchmark function; the runner adds the name, title and duration. */
export type Outcome = Omit<BenchmarkResult, 'name' | 'title' | 'durationMs'>

/** Creates the outcome of a benchmark that could not run here, such as one whose data is absent. */
export function skippedOutcome(reason: string): Outcome {
  return { status: 'skipped', reason, setup: [], figures: [], samples: {} }
}
