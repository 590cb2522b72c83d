/** Metric descriptors shared by the hand-built test models of every stage. */
import type { MetricDescriptor } from '../../src/analyze/types.js'

/** Latency in ms, lower is better, raw samples. */
export const LATENCY_MS: MetricDescriptor = {
  name: 'latency_ms',
  kind: 'latency',
  direction: 'lower-is-better',
  unit: 'ms',
  sourceUnit: 'ms',
  aggregate: null
}

/** Throughput in tokens/s, higher is better, raw samples. */
export const TOKENS_PER_SECOND: MetricDescriptor = {
  name: 'tokens_per_s',
  kind: 'throughput',
  direction: 'higher-is-better',
  unit: 'tokens/s',
  sourceUnit: 'tokens/s',
  aggregate: null
}
