/**
 * Recognises what a column contains from its name and unit, without a fixed schema:
 * a metric (latency, throughput, count, size, ratio), an identifier of the series,
 * a per-row label, a timestamp, a failure marker, or text to leave alone.
 *
 * Dotted JSON columns (`benchmark.mean_time_ms`) are recognised on their last segment.
 */
import type { AggregateKind, MetricKind } from './types.js'
import { kindOfUnit, millisecondsPer, rateNoun, resolveUnit, type ResolvedUnit } from './units.js'

/** A column recognised as a metric from its name and unit. */
export interface MetricColumn {
  role: 'metric'
  kind: MetricKind
  aggregate: AggregateKind | null
  /** Unit text as found (units row, `unit` field, `(ms)` or name suffix); null when none. */
  unitText: string | null
  /** `unitText` resolved; null when there is none or it is unknown. */
  unit: ResolvedUnit | null
  /** False for a column of unknown name, which is a metric only when every value is a number. */
  recognised: boolean
  /**
   * Set for a bare statistic under a latency parent (`timing_stats.latency_percentiles.p50`) whose
   * name gives no time unit: the table may take the unit from sibling latency columns.
   */
  unitFromSiblings?: boolean
}

/**
 * - `key`: identifies a configuration (`model`, `backend`, `num_ctx`); always part of the series key.
 * - `workload`: identifies one request of a workload (`prompt`, `test_name`); a series key unless
 *   its value differs on every row, then a per-row label.
 * - `row-label`: numbers rows (`prompt_index`, `id`, `run`); never a key or a metric.
 * - `timestamp`: when the row or file was written; gives the run stamp.
 * - `error`, `status`, `success`: mark failed runs.
 * - `ignored`: text that describes the row (`commit`, `notes`, `options`, change columns), and
 *   attributes of the device or profiler session (`pstate`, `device__attribute_*`), which are no measurements.
 * - `interval`: bounds of an interval (`confidence_interval_95`), which are no samples.
 */
export type ColumnClass =
  | MetricColumn
  | { role: 'key' | 'workload' | 'row-label' | 'timestamp' | 'error' | 'status' | 'success' | 'ignored' | 'interval' }

const KEY_NAMES = new Set([
  'model', 'model_name', 'model_id', 'model_tag', 'tag', 'config', 'config_name', 'config_id', 'configuration',
  'backend', 'backend_name', 'target_backend', 'series', 'series_name', 'name', 'benchmark', 'benchmark_name',
  'bench', 'suite', 'task', 'scenario', 'variant', 'mode', 'strategy', 'engine', 'provider', 'runtime', 'framework',
  'device', 'device_name', 'gpu', 'gpu_name', 'cpu', 'dtype', 'precision', 'quant', 'quantization',
  'quantization_level', 'quant_type', 'temperature', 'temp', 'top_p', 'top_k', 'min_p', 'repeat_penalty', 'seed',
  'batch_size', 'batch', 'seq_len', 'sequence_length', 'context_length', 'context_size', 'ctx', 'embed_dim',
  'hidden_size', 'channels', 'height', 'width', 'input_size', 'image_size', 'opset', 'threads', 'workers',
  'concurrency', 'parallel', 'kernel', 'operation', 'op', 'shape', 'dataset', 'metric', 'platform', 'arch',
  // Run configuration, as Ollama options and report tables name it: it identifies a series, it is not measured.
  'context_window', 'context_len', 'ctx_len', 'ctx_size', 'gpu_layers', 'layers', 'thread', 'max_tokens',
  'keep_alive', 'quant_method', 'quantization_type', 'kv_cache_type', 'cuda_context'
])

/** Identifiers of one request; see the per-row label rule in `table.ts`. */
const WORKLOAD_NAMES = new Set([
  'prompt', 'prompt_text', 'prompt_name', 'input', 'input_text', 'query', 'question', 'request', 'message',
  'test', 'test_name', 'test_case', 'case', 'case_name', 'example', 'sample_name',
  // A context of numbers (2048) is a context length and keys the series, but a context of words is a scenario.
  'context'
])

/** Workload names whose numeric values are a configuration, so they always key the series. */
const CONFIGURATION_WHEN_NUMERIC = new Set(['context'])

/** Returns true for a workload column that keys the series whenever its values are numbers (`Context`: 4096). */
export function isConfigurationWhenNumeric(name: string): boolean {
  return CONFIGURATION_WHEN_NUMERIC.has(splitName(name).normalized)
}

const ROW_LABEL_NAMES = new Set([
  'id', 'idx', 'index', 'prompt_index', 'prompt_id', 'request_id', 'request_index', 'run', 'run_id', 'run_index',
  'run_number', 'iteration', 'iter', 'trial', 'rep', 'repeat', 'repetition', 'step', 'sample_index', 'row', 'no',
  // Process, thread and CUDA stream numbers identify where a row ran, not what it measured.
  'pid', 'ppid', 'tid', 'stream'
])

const TIMESTAMP_NAMES = new Set(['timestamp', 'time', 'date', 'datetime', 'ts', 'when'])

const ERROR_NAMES = new Set([
  'error', 'errors', 'error_message', 'error_msg', 'err', 'exception', 'failure', 'failure_reason', 'error_type'
])
const STATUS_NAMES = new Set(['status', 'state', 'outcome'])
const SUCCESS_NAMES = new Set(['success', 'succeeded', 'ok', 'passed'])

const IGNORED_NAMES = new Set([
  'commit', 'commit_sha', 'commit_id', 'sha', 'git_sha', 'git_commit', 'hash', 'revision', 'rev', 'version', 'url',
  'path', 'file', 'filename', 'host', 'hostname', 'ollama_host', 'note', 'notes', 'comment', 'comments',
  'description', 'desc', 'response', 'response_text', 'output', 'output_text', 'text', 'options', 'metadata',
  'command', 'cmd', 'args', 'graph_preview', 'banter_text', 'variations', 'compilation', 'benchmark_metadata'
])

/**
 * Device attributes and states as nvidia-smi and Nsight Compute write them: the performance
 * state, fan setting and compute capability (`CC`) describe the device, not the benchmark.
 */
const DEVICE_ATTRIBUTE_NAMES = new Set([
  'pstate', 'performance_state', 'perf_state', 'power_state', 'fan', 'fan_speed', 'cc', 'compute_capability', 'uuid',
  'serial', 'bus_id', 'pci_bus_id'
])

/**
 * Nsight Compute sections that describe the device, its links and the profiler session
 * (`device__attribute_clock_rate`, `nvlink__bandwidth`, `profiler__replayer_passes`), not the kernel.
 */
const DEVICE_SECTION_PREFIX = /^(device|nvlink|c2clink|numa|profiler)__/

/** Words of a frequency (`clock_memory`, `gpu_freq`): neither a size nor a speed to gate. */
const FREQUENCY_WORDS = new Set(['clock', 'clocks', 'freq', 'frequency', 'hz', 'khz', 'mhz', 'ghz'])

/** Denominators of a quotient such as `tokens per GB` or `tokens_per_watt`, and their display spelling. */
const QUOTIENT_DENOMINATORS: Record<string, string> = { w: 'W', watt: 'W', watts: 'W', j: 'J', joule: 'J', joules: 'J' }

/** Words of a column that compares two results instead of measuring one. */
const CHANGE_WORDS = new Set(['delta', 'δ', 'change', 'diff', 'difference', 'vs', 'improvement', 'regression'])

const AGGREGATE_WORDS: Record<string, AggregateKind> = {
  mean: 'mean',
  avg: 'mean',
  average: 'mean',
  median: 'median',
  p50: 'median',
  p90: 'p90',
  p95: 'p95',
  p99: 'p99',
  // `min` is read as a minimum, never as minutes: misreading it as minutes would scale values by 60000.
  min: 'min',
  minimum: 'min',
  max: 'max',
  maximum: 'max',
  std: 'std',
  stdev: 'std',
  stddev: 'std',
  sd: 'std'
}

/** Time units recognised as a name suffix (`ttft_s`, `duration_ns`); `min` and hours are not. */
const NAME_TIME_UNITS = new Set(['ns', 'nsec', 'us', 'µs', 'μs', 'usec', 'ms', 'msec', 's', 'sec', 'secs', 'seconds', 'millis'])

const LATENCY_WORDS = new Set([
  'latency', 'latencies', 'ttft', 'ttfb', 'tpot', 'itl', 'duration', 'elapsed', 'time', 'delay', 'rtt', 'walltime'
])
const THROUGHPUT_WORDS = new Set(['throughput', 'tps', 'rps', 'qps', 'fps', 'bandwidth'])
const COUNT_WORDS = new Set([
  'count', 'counts', 'tokens', 'token', 'chars', 'characters', 'samples', 'runs', 'tests', 'requests', 'iterations',
  'steps', 'items', 'completed', 'inferences', 'processes', 'cycles', 'anomalies', 'outliers', 'actions', 'words',
  'lines', 'sections', 'citations', 'n', 'failures', 'successes', 'retries', 'attempts'
])
const SIZE_WORDS = new Set(['bytes', 'size', 'memory', 'mem', 'vram', 'ram', 'gb', 'mb', 'kb', 'gib', 'mib', 'kib', 'params', 'parameters'])
const RATIO_WORDS = new Set([
  'percent', 'pct', 'ratio', 'rate', 'accuracy', 'acc', 'loss', 'utilization', 'util', 'efficiency', 'score', 'cv',
  'speedup', 'fraction', 'share', 'usage', 'perplexity', 'f1', 'precision_score', 'recall'
])

/** Name split into lower-case words, with a trailing `(unit)` or `[unit]` taken out. */
export interface NameParts {
  /** Last dotted segment as written. */
  segment: string
  /** Last dotted segment in snake case, such as `generation_time` for `Generation Time (ms)`. */
  normalized: string
  words: string[]
  bracketUnit: string | null
}

/** Splits a column name into words; camelCase, spaces and punctuation all separate words. */
export function splitName(name: string): NameParts {
  const segment = lastSegment(name)
  let body = segment
  let bracketUnit: string | null = null
  const bracket = /[([]([^()[\]]+)[)\]]\s*$/.exec(body)
  if (bracket !== null) {
    bracketUnit = bracket[1].trim()
    body = body.slice(0, bracket.index)
  }
  const words = body
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9µμδ%/]+/)
    .filter(word => word !== '')
  return { segment, normalized: words.join('_'), words, bracketUnit }
}

function lastSegment(name: string): string {
  // A dot inside brackets, as in `Throughput (tok/s.)`, does not separate JSON path segments.
  const withoutBracket = name.replace(/[([][^()[\]]*[)\]]\s*$/, '')
  const dot = withoutBracket.lastIndexOf('.')
  return dot < 0 ? name.trim() : name.slice(dot + 1).trim()
}

/**
 * Classifies one column. `explicitUnit` comes from a units row or a JSON `unit` field
 * and wins over a unit in the name.
 */
export function classifyColumn(name: string, explicitUnit: string | null): ColumnClass {
  const parts = splitName(name)
  const normalized = parts.normalized
  const words = parts.words

  if (ERROR_NAMES.has(normalized)) return { role: 'error' }
  if (STATUS_NAMES.has(normalized)) return { role: 'status' }
  if (SUCCESS_NAMES.has(normalized)) return { role: 'success' }
  if (isTimestampName(normalized)) return { role: 'timestamp' }
  if (ROW_LABEL_NAMES.has(normalized)) return { role: 'row-label' }
  if (IGNORED_NAMES.has(normalized) || /(^|_)(version|path|driver)$/.test(normalized)) {
    return { role: 'ignored' }
  }
  if (DEVICE_ATTRIBUTE_NAMES.has(normalized) || DEVICE_SECTION_PREFIX.test(parts.segment)) return { role: 'ignored' }
  if (isIntervalName(words)) return { role: 'interval' }
  if (words.some(word => CHANGE_WORDS.has(word)) || /[Δδ]/.test(parts.segment)) return { role: 'ignored' }
  if (WORKLOAD_NAMES.has(normalized)) return { role: 'workload' }
  if (KEY_NAMES.has(normalized) || isConfigCount(words) || /(^|_)dim$/.test(normalized)) return { role: 'key' }
  if (/(^|_)(id|idx|index|number)$/.test(normalized)) return { role: 'row-label' }

  return classifyMetric(name, parts, explicitUnit)
}

/** Column classes by unit and name, shared by all tables because the files of a benchmark repeat the same columns. */
const classCache = new Map<string | null, Map<string, ColumnClass>>()
/** Classes kept in `classCache` before it starts over, so that it stays small. */
const MAX_CACHED_CLASSES = 10_000
let cachedClasses = 0

/** Classifies a column as `classifyColumn` does and remembers the result, frozen because tables share it. */
export function classifyColumnCached(name: string, unit: string | null): ColumnClass {
  let byName = classCache.get(unit)
  const known = byName?.get(name)
  if (known !== undefined) return known
  if (cachedClasses >= MAX_CACHED_CLASSES) {
    classCache.clear()
    cachedClasses = 0
    byName = undefined
  }
  if (byName === undefined) {
    byName = new Map()
    classCache.set(unit, byName)
  }
  const columnClass = Object.freeze(classifyColumn(name, unit))
  byName.set(name, columnClass)
  cachedClasses++
  return columnClass
}

/** `num_gpu`, `num_ctx`, `n_threads` set a configuration; `num_tokens` counts. */
function isConfigCount(words: string[]): boolean {
  if (words.length < 2 || (words[0] !== 'num' && words[0] !== 'n')) return false
  return !words.slice(1).some(word => COUNT_WORDS.has(word) || SIZE_WORDS.has(word))
}

/** `confidence_interval_95`, `ci95`, `ci_lower`: the bounds of an interval, not samples. */
function isIntervalName(words: string[]): boolean {
  if (words.includes('interval') && (words.includes('confidence') || words.includes('credible'))) return true
  if (words.some(word => /^ci\d{2}$/.test(word))) return true
  const ci = words.indexOf('ci')
  return ci >= 0 && ['low', 'lower', 'lo', 'high', 'upper', 'hi', 'bounds'].includes(words[ci + 1] ?? '')
}

function isTimestampName(normalized: string): boolean {
  if (TIMESTAMP_NAMES.has(normalized)) return true
  if (/(^|_)(at|timestamp|datetime|date)$/.test(normalized) || normalized.startsWith('timestamp_')) return true
  // When something started or ended (`create_time`, `start_time`), not how long it took.
  return /(^|_)(create|created|start|started|begin|end|ended|finish|finished|update|updated|modified)_time$/.test(normalized)
}

/**
 * Returns true for a word of a latency's name that may name the timed phase (`compile` in
 * `compile_time_s`): a plain word that is no latency word, time unit or statistic.
 */
export function isPhaseWord(word: string): boolean {
  return /^[a-z]+$/.test(word) && !LATENCY_WORDS.has(word) && !NAME_TIME_UNITS.has(word) && AGGREGATE_WORDS[word] === undefined
}

/** Returns true for a name such as `generated_at` or `timestamp` whose newest value is a run stamp. */
export function isRunStampName(name: string): boolean {
  return isTimestampName(splitName(name).normalized)
}

function classifyMetric(name: string, parts: NameParts, explicitUnit: string | null): MetricColumn {
  let aggregate: AggregateKind | null = null
  const rest: string[] = []
  for (const word of parts.words) {
    const found = AGGREGATE_WORDS[word] ?? (/^p\d{1,2}(\.\d+)?$/.test(word) ? 'percentile' : undefined)
    if (found !== undefined && aggregate === null) aggregate = found
    else rest.push(word)
  }

  if (aggregate !== null && rest.length === 0 && explicitUnit === null) {
    const parent = classifyBareStatistic(name, aggregate)
    if (parent !== null) return parent
  }
  if (rest.some(word => FREQUENCY_WORDS.has(word))) {
    const last = rest.at(-1) ?? ''
    const nameUnit = /^[kmg]?hz$/.test(last) ? `${last.slice(0, -2).toUpperCase()}Hz` : null
    const unitText = explicitUnit?.trim() || nameUnit
    return { role: 'metric', kind: 'other', aggregate, unitText, unit: null, recognised: false }
  }
  const quotient = explicitUnit === null ? quotientUnit(rest) : null
  if (quotient !== null) return { role: 'metric', kind: 'ratio', aggregate, unitText: quotient, unit: null, recognised: true }

  const nameUnit = unitFromName(parts, rest)
  const unitText = explicitUnit?.trim() || nameUnit.text
  const unit = unitText === null ? null : resolveUnit(unitText)
  const wordKind = kindFromWords(rest)

  let kind: MetricKind
  if (nameUnit.rate && (explicitUnit === null || unit?.kind === 'rate')) kind = 'throughput'
  else if (unit !== null && (unit.kind === 'time' || unit.kind === 'rate')) kind = kindOfUnit(unit)
  else if (wordKind !== null) kind = wordKind
  else if (unit !== null) kind = kindOfUnit(unit)
  else kind = 'other'

  return { role: 'metric', kind, aggregate, unitText, unit, recognised: kind !== 'other' }
}

/**
 * Classifies a bare statistic (`p50`, `mean`) by its parent segments: under a parent that
 * names a latency (`timing_stats.latency_percentiles.p95`) it is a latency aggregate, in the
 * time unit of the nearest parent that has one (`latency_ms.p95`). Returns null when no
 * parent names a latency.
 */
function classifyBareStatistic(name: string, aggregate: AggregateKind): MetricColumn | null {
  const segments = name.split('.').slice(0, -1).reverse()
  const parents = segments.map(segment => splitName(segment))
  if (!parents.some(parent => parent.words.some(word => LATENCY_WORDS.has(word)))) return null

  for (const parent of parents) {
    const unit = unitFromName(parent, parent.words)
    const resolved = unit.text === null ? null : resolveUnit(unit.text)
    if (resolved?.kind === 'time') return { role: 'metric', kind: 'latency', aggregate, unitText: unit.text, unit: resolved, recognised: true }
  }
  return { role: 'metric', kind: 'latency', aggregate, unitText: null, unit: null, recognised: true, unitFromSiblings: true }
}

/**
 * Returns the unit of a quotient such as `tokens per GB` or `tokens_per_watt` (`tokens/GB`):
 * a counted noun per a size or energy unit, which is neither a size nor a speed. Null otherwise.
 */
function quotientUnit(words: string[]): string | null {
  let numerator: string | undefined
  let denominator: string | undefined
  const per = words.indexOf('per')
  if (per >= 1 && per === words.length - 2) {
    numerator = words[per - 1]
    denominator = words[per + 1]
  } else {
    const slashed = words.find(word => /^[a-z]+\/[a-z]+$/.test(word))
    if (slashed !== undefined) [numerator, denominator] = slashed.split('/')
  }
  if (numerator === undefined || denominator === undefined || millisecondsPer(denominator) !== undefined) return null

  const noun = rateNoun(numerator) ?? (COUNT_WORDS.has(numerator) ? numerator : undefined)
  const size = resolveUnit(denominator)
  const shown = size?.kind === 'size' ? size.display : QUOTIENT_DENOMINATORS[denominator]
  return noun === undefined || shown === undefined ? null : `${noun}/${shown}`
}

interface NameUnit {
  text: string | null
  /** The unit is a rate such as `tokens_s` or `tokens_per_second`. */
  rate: boolean
}

/** Finds the unit written in a name: `(ms)`, `tok/s`, a `_ms` suffix, or `<noun>_per_second`. */
function unitFromName(parts: NameParts, words: string[]): NameUnit {
  if (parts.bracketUnit !== null && resolveUnit(parts.bracketUnit) !== null) {
    return { text: parts.bracketUnit, rate: resolveUnit(parts.bracketUnit)?.kind === 'rate' }
  }

  for (const word of words) {
    if (word.includes('/') && resolveUnit(word)?.kind === 'rate') return { text: word, rate: true }
  }

  const last = words.at(-1)
  const beforeLast = words.at(-2)
  if (last === undefined) return { text: parts.bracketUnit, rate: false }

  // `tokens_per_second`, `req_per_s`.
  if (words.length >= 3 && words.at(-2) === 'per' && millisecondsPer(last) !== undefined) {
    const noun = rateNoun(words.at(-3) ?? '')
    if (noun !== undefined) return { text: `${noun}/${last}`, rate: true }
  }

  if (NAME_TIME_UNITS.has(last)) {
    // `tokens_s` is tokens per second; `eval_s` is a duration in seconds.
    const noun = beforeLast === undefined ? undefined : rateNoun(beforeLast)
    if (noun !== undefined && (last === 's' || last === 'sec')) return { text: `${noun}/s`, rate: true }
    return { text: last === 'millis' ? 'ms' : last, rate: false }
  }

  const resolved = resolveUnit(last)
  if (resolved !== null && resolved.kind === 'rate') return { text: last, rate: true }
  if (resolved !== null && resolved.kind === 'size' && words.length >= 2) return { text: last, rate: false }
  if (last === 'percent' || last === 'pct') return { text: '%', rate: false }
  return { text: parts.bracketUnit, rate: false }
}

function kindFromWords(words: string[]): MetricKind | null {
  if (words.some(word => THROUGHPUT_WORDS.has(word))) return 'throughput'
  if (words.some(word => RATIO_WORDS.has(word))) return 'ratio'
  if (words.some(word => SIZE_WORDS.has(word))) return 'size'
  if (words.some(word => COUNT_WORDS.has(word))) return 'count'
  if (words.some(word => LATENCY_WORDS.has(word))) return 'latency'
  return null
}
