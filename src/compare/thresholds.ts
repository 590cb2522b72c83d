/**
 * Per-series overrides of the gate settings, read from the `thresholds` input: a
 * YAML or JSON file relative to the workspace, or inline YAML. The document is a
 * list of rules (or an object whose `rules` field is that list). A rule selects
 * series by glob and overrides fields; when several rules match, later rules win
 * field by field.
 *
 * ```yaml
 * - benchmark: reports/ollama/**
 *   metric: ttft*
 *   threshold: 20        # percent
 * - series: "model=llama3*"
 *   metric: tokens_s
 *   direction: higher-is-better
 * - metric: load_s
 *   ignore: true
 * ```
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import picomatch from 'picomatch'
import { parseDocument } from 'yaml'
import type { Direction } from '../analyze/types.js'
import { GATE_STATISTICS } from '../settings/index.js'
import type { GateStatistic } from './types.js'

/** A thresholds document that cannot be read, or a rule with an invalid field. */
export class ThresholdsError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ThresholdsError'
  }
}

/** One validated rule. Matchers left out match every series. */
export interface ThresholdRule {
  /** 1-based position in the document, for notes and messages. */
  number: number
  /** Globs on the benchmark id (run stamps as `{run}`) and on the head and base file paths. */
  benchmark: string[] | null
  /** Globs on the series key, such as `model=gemma3*`; `*` also matches `/`. */
  series: string[] | null
  /** Globs on the metric name as written in the file; `*` also matches `/`. */
  metric: string[] | null
  /** Relative change that counts as a regression, as a fraction (0.2 is 20 %). */
  threshold?: number
  statistic?: GateStatistic
  direction?: Direction
  ignore?: boolean
  /** Absolute floor in the metric's display unit (ms for latency). */
  minAbsoluteChange?: number
}

/** Series identity that rules are matched against. */
export interface RuleSubject {
  benchmark: string
  paths: string[]
  seriesKey: string
  metric: string
}

/** A value set by a rule, with the rule's number for the notes. */
export interface Override<T> {
  value: T
  rule: number
}

/** Fields set by the rules that match one series; absent fields keep the action's inputs. */
export interface Overrides {
  threshold?: Override<number>
  statistic?: Override<GateStatistic>
  direction?: Override<Direction>
  ignore?: Override<boolean>
  minAbsoluteChange?: Override<number>
}

const MATCHER_FIELDS = ['benchmark', 'series', 'metric'] as const
const EFFECT_FIELDS = ['threshold', 'statistic', 'direction', 'ignore', 'min-absolute-change'] as const
const ACCEPTED_FIELDS: readonly string[] = [...MATCHER_FIELDS, ...EFFECT_FIELDS]
const DIRECTIONS: readonly Direction[] = ['lower-is-better', 'higher-is-better', 'neutral']

/**
 * Reads and validates the rules named by the `thresholds` input. A value with a line
 * break, or starting with `-`, `[` or `{`, is inline YAML; any other value is a file
 * path relative to `workspace`. Throws `ThresholdsError` naming the rule number, the
 * field and what it accepts.
 */
export async function loadThresholdRules(value: string | null, workspace: string): Promise<ThresholdRule[]> {
  if (value === null || value.trim() === '') return []
  const trimmed = value.trim()
  if (isInlineDocument(trimmed)) return parseThresholdRules(trimmed, 'inline thresholds')

  const file = path.resolve(workspace, trimmed)
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    let reason = `could not be read (${code ?? String(error)})`
    if (code === 'ENOENT') reason = 'not found'
    if (code === 'EISDIR') reason = 'is a folder'
    throw new ThresholdsError(
      `Thresholds file '${trimmed}' ${reason} (resolved to ${file}). Give a YAML or JSON file relative to the workspace, or inline YAML starting with '- '.`
    )
  }
  return parseThresholdRules(text, `thresholds file '${trimmed}'`)
}

function isInlineDocument(value: string): boolean {
  return value.includes('\n') || /^[-[{]/.test(value)
}

/** Parses a YAML or JSON rules document; `source` names it in error messages. */
export function parseThresholdRules(text: string, source: string): ThresholdRule[] {
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true })
  if (document.errors.length > 0) {
    const first = document.errors[0]
    const position = first.linePos?.[0]
    const where = position === undefined ? '' : ` at line ${position.line}, column ${position.col}`
    // With prettyErrors the message's first line ends in its own position; the position is given once, up front.
    const message = first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')
    throw new ThresholdsError(`Invalid YAML in ${source}${where}: ${message}`)
  }

  const data: unknown = document.toJS()
  if (data === null || data === undefined) return []
  const list = Array.isArray(data) ? data : isPlainObject(data) && Array.isArray(data.rules) ? data.rules : null
  if (list === null) {
    throw new ThresholdsError(`Invalid ${source}: expected a list of rules, or an object whose 'rules' field is that list.`)
  }
  return list.map((entry: unknown, index: number) => validateRule(entry, index + 1, list.length, source))
}

function validateRule(entry: unknown, number: number, total: number, source: string): ThresholdRule {
  const fail = (detail: string): never => {
    throw new ThresholdsError(`Invalid rule ${number} of ${total} in ${source}: ${detail}`)
  }
  if (!isPlainObject(entry)) {
    return fail(`expected a mapping with the fields ${ACCEPTED_FIELDS.join(', ')}, got ${describe(entry)}.`)
  }

  for (const field of Object.keys(entry)) {
    if (!ACCEPTED_FIELDS.includes(field)) fail(`unknown field '${field}'; accepted fields are ${ACCEPTED_FIELDS.join(', ')}.`)
  }
  if (!EFFECT_FIELDS.some(field => field in entry)) {
    fail(`the rule sets none of ${EFFECT_FIELDS.join(', ')}, so it would change nothing.`)
  }

  const rule: ThresholdRule = {
    number,
    benchmark: readGlobs(entry, 'benchmark', fail),
    series: readGlobs(entry, 'series', fail),
    metric: readGlobs(entry, 'metric', fail)
  }
  if ('threshold' in entry) rule.threshold = readPercent(entry.threshold, fail)
  if ('statistic' in entry) {
    const statistic = entry.statistic
    const match = GATE_STATISTICS.find(choice => choice === statistic)
    if (match === undefined) fail(`field 'statistic' is ${describe(statistic)}; expected one of ${GATE_STATISTICS.join(', ')}.`)
    rule.statistic = match
  }
  if ('direction' in entry) {
    const direction = entry.direction
    const match = DIRECTIONS.find(choice => choice === direction)
    if (match === undefined) fail(`field 'direction' is ${describe(direction)}; expected one of ${DIRECTIONS.join(', ')}.`)
    rule.direction = match
  }
  if ('ignore' in entry) {
    if (typeof entry.ignore !== 'boolean') fail(`field 'ignore' is ${describe(entry.ignore)}; expected true or false.`)
    rule.ignore = entry.ignore as boolean
  }
  if ('min-absolute-change' in entry) {
    const floor = entry['min-absolute-change']
    if (typeof floor !== 'number' || !Number.isFinite(floor) || floor < 0) {
      fail(`field 'min-absolute-change' is ${describe(floor)}; expected a number of at least 0, in the metric's unit (ms for latency).`)
    }
    rule.minAbsoluteChange = floor as number
  }
  return rule
}

function readGlobs(entry: Record<string, unknown>, field: string, fail: (detail: string) => never): string[] | null {
  if (!(field in entry)) return null
  const value = entry[field]
  const globs = typeof value === 'string' ? [value] : Array.isArray(value) ? value : null
  if (globs === null || globs.length === 0 || !globs.every(glob => typeof glob === 'string' && glob.trim() !== '')) {
    return fail(`field '${field}' is ${describe(value)}; expected a glob or a non-empty list of globs.`)
  }
  return globs.map(glob => (glob as string).trim())
}

/** Reads a percentage written as 15 or '15%' and returns it as a fraction, as the `max-regression` input does. */
function readPercent(value: unknown, fail: (detail: string) => never): number {
  let text: string | null = null
  if (typeof value === 'number') text = String(value)
  if (typeof value === 'string') text = value.trim()
  const match = text === null ? null : /^(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)\s*%?$/.exec(text)
  const percent = match === null ? Number.NaN : Number(match[1])
  if (!(percent > 0 && percent <= 1000)) {
    return fail(`field 'threshold' is ${describe(value)}; expected a percentage above 0 and at most 1000, such as 15 or '15%'.`)
  }
  return percent / 100
}

/** Collects the fields of every rule that matches `subject`; later rules win. */
export function resolveOverrides(rules: readonly ThresholdRule[], subject: RuleSubject): Overrides {
  const overrides: Overrides = {}
  for (const rule of rules) {
    if (!ruleMatches(rule, subject)) continue
    if (rule.threshold !== undefined) overrides.threshold = { value: rule.threshold, rule: rule.number }
    if (rule.statistic !== undefined) overrides.statistic = { value: rule.statistic, rule: rule.number }
    if (rule.direction !== undefined) overrides.direction = { value: rule.direction, rule: rule.number }
    if (rule.ignore !== undefined) overrides.ignore = { value: rule.ignore, rule: rule.number }
    if (rule.minAbsoluteChange !== undefined) overrides.minAbsoluteChange = { value: rule.minAbsoluteChange, rule: rule.number }
  }
  return overrides
}

function ruleMatches(rule: ThresholdRule, subject: RuleSubject): boolean {
  if (rule.benchmark !== null) {
    const matches = compileGlobs(rule.benchmark, 'path')
    if (![subject.benchmark, ...subject.paths].some(candidate => matches(candidate))) return false
  }
  if (rule.series !== null && !matchesName(rule.series, subject.seriesKey)) return false
  if (rule.metric !== null && !matchesName(rule.metric, subject.metric)) return false
  return true
}

/**
 * Matches a name that is not a path, such as a series key or `Throughput (tokens/s)`.
 * With picomatch's `bash` option a single `*` also crosses `/`.
 */
export function matchesName(globs: string | string[], name: string): boolean {
  return compileGlobs(typeof globs === 'string' ? [globs] : globs, 'name')(name)
}

const compiledGlobs = new Map<string, picomatch.Matcher>()

/** Compiles globs once per run: rules are matched against every series. */
function compileGlobs(globs: string[], kind: 'path' | 'name'): picomatch.Matcher {
  const key = `${kind}\0${globs.join('\0')}`
  let matcher = compiledGlobs.get(key)
  if (matcher === undefined) {
    matcher = picomatch(globs, kind === 'name' ? { bash: true, dot: true } : { dot: true })
    compiledGlobs.set(key, matcher)
  }
  return matcher
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing'
  if (value === null) return 'empty'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  return `'${String(value)}'`
}
