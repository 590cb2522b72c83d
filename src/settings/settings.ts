/**
 * Reads and validates every action input once, into one readonly settings object.
 * A bad value fails with the input's name, the value and what is accepted.
 */
import type { GateStatistic, ComparisonState } from '../compare/types.js'
import { COMPARISON_STATES } from '../compare/types.js'
import {
  Inputs,
  COMMENT_MODES,
  COMMENT_WHEN,
  NARRATIVE_MODES,
  NARRATIVE_STAGES,
  NUMBER_CHECK_ACTIONS,
  type CommentMode,
  type CommentWhen,
  type NarrativeSetting,
  type NarrativeStages,
  type NumberCheckAction
} from './names.js'

/** Reads one input as a trimmed string; '' when unset. */
export type InputReader = (name: string) => string

export const GATE_STATISTICS = ['median', 'mean', 'p90', 'p95', 'p99'] as const

export interface CollectSettings {
  /** Glob patterns, `!` to exclude. */
  patterns: string[]
  /** Largest file read, in bytes. */
  maxFileBytes: number
  /** Largest total of bytes read across files. */
  maxTotalBytes: number
  maxFiles: number
  /** Largest number of distinct series per file; further series are counted and left out. */
  maxSeries: number
}

export interface GateSettings {
  baselineRef: string | null
  baselinePath: string | null
  /** Relative change that counts as a regression, as a fraction (0.1 is 10 %). */
  maxRegression: number
  /** Changes smaller than this, in ms for latency, are noise whatever their percentage. */
  minAbsoluteChangeMs: number
  statistic: GateStatistic
  alpha: number
  /** Path of a YAML or JSON thresholds file, or inline YAML; null when unset. */
  thresholds: string | null
  failOn: ComparisonState[]
  /** Metric names or globs gated besides latency. */
  gateMetrics: string[]
  keepColdStarts: boolean
}

export interface OllamaOptions {
  num_gpu?: number
  num_ctx?: number
  temperature?: number
  top_p?: number
  top_k?: number
  repeat_penalty?: number
  seed?: number
  num_predict?: number
}

export interface NarrateSettings {
  mode: NarrativeSetting
  stages: NarrativeStages
  /** Base URL without credentials in logs; may carry them for the request. */
  host: string
  /** Extra request headers for an authenticating proxy; their values are secrets. */
  headers: Record<string, string>
  model: string
  pullModel: boolean
  /** Options sent to Ollama; unset inputs are absent so the server and Modelfile defaults apply. */
  options: OllamaOptions
  keepAlive: string | null
  /** Milliseconds from request start to the first token before the call is aborted. */
  firstTokenTimeoutMs: number
  /** Milliseconds for the whole call, retries included. */
  timeoutMs: number
  /** Replacement instructions (from `prompt` or `prompt-file`); null for the built-in ones. */
  prompt: string | null
  numberCheck: NumberCheckAction
  reuse: boolean
}

export interface PublishSettings {
  token: string
  comment: CommentWhen
  commentMode: CommentMode
  commentKey: string
  prNumber: number | null
  /** Folder for report.md and metrics.json. */
  reportDirectory: string
}

export interface Settings {
  readonly collect: Readonly<CollectSettings>
  readonly gate: Readonly<GateSettings>
  readonly narrate: Readonly<NarrateSettings>
  readonly publish: Readonly<PublishSettings>
}

/** An input whose value is not accepted. */
export class InputError extends Error {
  constructor(input: string, value: string, accepted: string) {
    super(`Input '${input}' has invalid value '${value}': expected ${accepted}.`)
    this.name = 'InputError'
  }
}

export const DEFAULT_ARTIFACT_PATTERNS = ['reports/**', 'csv_data/**', 'artifacts/**']

export interface SettingsEnvironment {
  /** `OLLAMA_HOST` from the environment, used when `ollama-host` is empty. */
  ollamaHostVariable?: string
  /** Default folder for the written report, usually `RUNNER_TEMP`. */
  tempDirectory: string
  /** Default comment key: workflow and job name. */
  defaultCommentKey: string
  /** Reads a file named by `prompt-file`, relative to the workspace. */
  readTextFile: (path: string) => string
}

/** Reads every input, applies defaults and validates. Throws `InputError` on the first bad value. */
export function readSettings(read: InputReader, environment: SettingsEnvironment): Settings {
  const patterns = readList(read, Inputs.Artifacts)
  const collect: CollectSettings = {
    patterns: patterns.length > 0 ? patterns : DEFAULT_ARTIFACT_PATTERNS,
    maxFileBytes: readSize(read, Inputs.MaxFileSize, 256 * 1024 * 1024),
    maxTotalBytes: readSize(read, Inputs.MaxTotalSize, 2 * 1024 * 1024 * 1024),
    maxFiles: readInteger(read, Inputs.MaxFiles, 50_000, 1),
    maxSeries: readInteger(read, Inputs.MaxSeries, 10_000, 1)
  }

  const gate: GateSettings = {
    baselineRef: read(Inputs.BaselineRef) || null,
    baselinePath: read(Inputs.BaselinePath) || null,
    maxRegression: readPercent(read, Inputs.MaxRegression, 0.1),
    minAbsoluteChangeMs: readNumber(read, Inputs.MinAbsoluteChange, 0, 0),
    statistic: readChoice(read, Inputs.GateStatistic, GATE_STATISTICS, 'median'),
    alpha: readAlpha(read, Inputs.Alpha),
    thresholds: read(Inputs.Thresholds) || null,
    failOn: readChoices(read, Inputs.FailOn, COMPARISON_STATES, ['regression', 'failed']),
    gateMetrics: readList(read, Inputs.GateMetrics, /[\n,]/),
    keepColdStarts: readBoolean(read, Inputs.KeepColdStarts, false)
  }

  const narrate = readNarrateSettings(read, environment)

  const prNumberText = read(Inputs.PrNumber)
  const publish: PublishSettings = {
    token: read(Inputs.GithubToken),
    comment: readChoice(read, Inputs.Comment, COMMENT_WHEN, 'auto'),
    commentMode: readChoice(read, Inputs.CommentMode, COMMENT_MODES, 'update'),
    commentKey: read(Inputs.CommentKey) || environment.defaultCommentKey,
    prNumber: prNumberText === '' ? null : readInteger(read, Inputs.PrNumber, 0, 1),
    reportDirectory: read(Inputs.ReportDirectory) || `${environment.tempDirectory}/ollama-benchmark-report`
  }

  return Object.freeze({
    collect: Object.freeze(collect),
    gate: Object.freeze(gate),
    narrate: Object.freeze(narrate),
    publish: Object.freeze(publish)
  })
}

function readNarrateSettings(read: InputReader, environment: SettingsEnvironment): NarrateSettings {
  const options: OllamaOptions = {}
  setIfPresent(options, 'num_gpu', readOptionalInteger(read, Inputs.NumGpu, -1))
  setIfPresent(options, 'num_ctx', readOptionalInteger(read, Inputs.NumCtx, 1))
  setIfPresent(options, 'temperature', readOptionalNumber(read, Inputs.Temperature, 0, 2))
  setIfPresent(options, 'top_p', readOptionalNumber(read, Inputs.TopP, 0, 1))
  setIfPresent(options, 'top_k', readOptionalInteger(read, Inputs.TopK, 0))
  setIfPresent(options, 'repeat_penalty', readOptionalNumber(read, Inputs.RepeatPenalty, 0))
  setIfPresent(options, 'seed', readOptionalInteger(read, Inputs.Seed, Number.MIN_SAFE_INTEGER))
  setIfPresent(options, 'num_predict', readOptionalInteger(read, Inputs.NumPredict, -2))

  const promptText = read(Inputs.Prompt)
  const promptFile = read(Inputs.PromptFile)
  if (promptText !== '' && promptFile !== '') {
    throw new InputError(Inputs.PromptFile, promptFile, `either '${Inputs.Prompt}' or '${Inputs.PromptFile}', not both`)
  }
  const prompt = promptFile !== '' ? environment.readTextFile(promptFile) : promptText || null

  return {
    mode: readChoice(read, Inputs.Narrative, NARRATIVE_MODES, 'auto'),
    stages: readChoice(read, Inputs.NarrativeMode, NARRATIVE_STAGES, 'single'),
    host: readOllamaHost(read, Inputs.OllamaHost, environment.ollamaHostVariable || 'http://127.0.0.1:11434'),
    headers: readHeaders(read, Inputs.OllamaHeaders),
    model: read(Inputs.Model) || 'gemma3',
    pullModel: readBoolean(read, Inputs.PullModel, false),
    options,
    keepAlive: read(Inputs.KeepAlive) || null,
    firstTokenTimeoutMs: readNumber(read, Inputs.FirstTokenTimeout, 600, 1) * 1000,
    timeoutMs: readNumber(read, Inputs.Timeout, 900, 1) * 1000,
    prompt,
    numberCheck: readChoice(read, Inputs.NumberCheck, NUMBER_CHECK_ACTIONS, 'remove-sentences'),
    reuse: readBoolean(read, Inputs.ReuseNarrative, true)
  }
}

function setIfPresent<K extends keyof OllamaOptions>(options: OllamaOptions, key: K, value: number | null): void {
  if (value !== null) options[key] = value
}

/** Splits a multi-line input into trimmed, non-empty entries; lines starting with `#` are comments. */
export function readList(read: InputReader, name: string, separator: RegExp = /\r?\n/): string[] {
  return read(name)
    .split(separator)
    .map(entry => entry.trim())
    .filter(entry => entry !== '' && !entry.startsWith('#'))
}

/** Accepts exactly `true` or `false` (any case), as the YAML 1.2 core schema does. */
export function readBoolean(read: InputReader, name: string, fallback: boolean): boolean {
  const value = read(name)
  if (value === '') return fallback
  const lower = value.toLowerCase()
  if (lower === 'true') return true
  if (lower === 'false') return false
  throw new InputError(name, value, "'true' or 'false'")
}

export function readChoice<T extends string>(read: InputReader, name: string, choices: readonly T[], fallback: T): T {
  const value = read(name)
  if (value === '') return fallback
  const match = choices.find(choice => choice === value.toLowerCase())
  if (match === undefined) throw new InputError(name, value, `one of ${choices.join(', ')}`)
  return match
}

function readChoices<T extends string>(read: InputReader, name: string, choices: readonly T[], fallback: T[]): T[] {
  const entries = readList(read, name, /[\n,]/)
  if (entries.length === 0) return fallback
  if (entries.length === 1 && entries[0].toLowerCase() === 'none') return []
  return entries.map(entry => {
    const match = choices.find(choice => choice === entry.toLowerCase())
    if (match === undefined) throw new InputError(name, entry, `a comma-separated list of ${choices.join(', ')}, or 'none'`)
    return match
  })
}

export function readNumber(read: InputReader, name: string, fallback: number, min = -Infinity, max = Infinity): number {
  const value = readOptionalNumber(read, name, min, max)
  return value ?? fallback
}

function readOptionalNumber(read: InputReader, name: string, min = -Infinity, max = Infinity): number | null {
  const value = read(name)
  if (value === '') return null
  // Number('') and Number(' ') are 0, and Number('0x10') is 16: accept only plain decimals.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value)) {
    throw new InputError(name, value, 'a decimal number')
  }
  const parsed = Number(value)
  if (parsed < min || parsed > max) {
    throw new InputError(name, value, max === Infinity ? `a number of at least ${min}` : `a number from ${min} to ${max}`)
  }
  return parsed
}

/** Reads the significance level: above 0 (which would make every test inconclusive) and at most 0.5. */
function readAlpha(read: InputReader, name: string): number {
  const accepted = 'a significance level above 0 and at most 0.5, such as 0.05'
  let alpha: number
  try {
    alpha = readNumber(read, name, 0.05, 0, 0.5)
  } catch {
    throw new InputError(name, read(name), accepted)
  }
  if (alpha === 0) throw new InputError(name, read(name), accepted)
  return alpha
}

/**
 * Reads the Ollama base URL and checks that it is an http or https URL. A value
 * without a scheme, such as `gpu-box:11434`, gets `http://` as `OLLAMA_HOST` does.
 */
function readOllamaHost(read: InputReader, name: string, fallback: string): string {
  const given = read(name) || fallback
  const value = given.includes('://') ? given : `http://${given}`
  let protocol: string
  try {
    protocol = new URL(value).protocol
  } catch {
    // The value may carry credentials, so only its shape is described.
    throw new InputError(name, redactCredentials(value), 'an http:// or https:// URL such as http://127.0.0.1:11434')
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new InputError(name, redactCredentials(value), 'an http:// or https:// URL such as http://127.0.0.1:11434')
  }
  return value
}

function redactCredentials(value: string): string {
  return value.replace(/\/\/[^/@]*@/, '//***@')
}

export function readInteger(read: InputReader, name: string, fallback: number, min = -Infinity): number {
  return readOptionalInteger(read, name, min) ?? fallback
}

function readOptionalInteger(read: InputReader, name: string, min = -Infinity): number | null {
  const value = read(name)
  if (value === '') return null
  if (!/^[+-]?\d+$/.test(value)) throw new InputError(name, value, 'a whole number')
  const parsed = Number(value)
  if (parsed < min) throw new InputError(name, value, `a whole number of at least ${min}`)
  return parsed
}

/** Reads a percentage written as `10` or `10%` and returns it as a fraction (0.1). */
function readPercent(read: InputReader, name: string, fallback: number): number {
  const value = read(name)
  if (value === '') return fallback
  const match = /^(\d+(?:\.\d+)?)\s*%?$/.exec(value)
  if (match === null) throw new InputError(name, value, "a percentage such as '10' or '10%'")
  const percent = Number(match[1])
  if (percent <= 0 || percent > 1000) throw new InputError(name, value, 'a percentage above 0 and at most 1000')
  return percent / 100
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, k: 1024, mb: 1024 ** 2, m: 1024 ** 2, gb: 1024 ** 3, g: 1024 ** 3 }

/** Reads a size in bytes, written as `1048576`, `512kB`, `100MB` or `2GB` (binary multiples). */
function readSize(read: InputReader, name: string, fallback: number): number {
  const value = read(name)
  if (value === '') return fallback
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value)
  const multiplier = match === null ? undefined : SIZE_UNITS[match[2].toLowerCase()]
  if (match === null || multiplier === undefined) {
    throw new InputError(name, value, "a size such as '1048576', '512kB', '100MB' or '2GB'")
  }
  return Math.floor(Number(match[1]) * multiplier)
}

/** Reads `Name: value` lines into headers. */
function readHeaders(read: InputReader, name: string): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const line of readList(read, name)) {
    const colon = line.indexOf(':')
    const header = colon > 0 ? line.slice(0, colon).trim() : ''
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(header)) {
      // The value may be a secret, so only the header name is echoed.
      throw new InputError(name, header || '(a line without a header name)', "one 'Header-Name: value' per line")
    }
    headers[header] = line.slice(colon + 1).trim()
  }
  return headers
}
