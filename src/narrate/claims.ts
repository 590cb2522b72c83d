/**
 * The direction check: finds sentences whose words of direction (improved,
 * regressed, faster, rose…) contradict the computed comparison for the series they
 * name, and sentences that hand out a merge verdict, which is never the model's.
 */
import type { GateStatistic } from '../compare/types.js'
import type { FactSubject } from './facts.js'

/** Reason a sentence is rejected, or null when it passes. */
export type ClaimProblem = 'approval' | 'direction' | null

type Quality = 'better' | 'worse' | 'regression' | 'no-regression'
type Movement = 'up' | 'down'

// Verdict wording: approval, merge advice, reviewer shorthand.
const APPROVAL = /\b(?:approv\w*|merg(?:e|ed|es|ing|eable)\b|lgtm\b|ship\s+it\b)/i

// Phrases that use "regression" as the name of the check, not as a claim.
const REGRESSION_AS_NAME = /\bregression[-\s](?:threshold|gate|check|limit|test|tests|budget)s?\b/gi
const NO_REGRESSION =
  /\b(?:no|without|zero|not\s+a|not\s+any)\s+(?:\w+\s+)?regressions?\b|\b(?:not|never|n't)\s+(?:\w+\s+)?regress(?:ed|es|ing)?\b|\bno\s+(?:\w+\s+)?(?:slowdown|degradation)s?\b/i
const REGRESSION = /\bregress(?:ed|es|ing|ions?)?\b/i
const BETTER = /\b(?:improv\w*|faster|quicker|better|speed-?ups?|sped\s+up|outperform\w*)\b/i
const WORSE = /\b(?:slower|worse|worsen\w*|degrad\w*|deteriorat\w*|slowdowns?|slow-downs?)\b/i
const UP = /\b(?:rose|risen|rises|increas\w*|grew|grown|climb\w*|jump\w*|went\s+up|spik\w*)\b/i
const DOWN = /\b(?:fell|fallen|falls|decreas\w*|dropp\w*|declin\w*|shrank|shrunk|went\s+down|reduc\w*)\b/i
const UNIVERSAL = /\b(?:all|every|everything|each|overall|across\s+the\s+board|entire)\b/i
// "No other series regressed" is a claim about the rest, which cannot be checked here.
const EXCEPTING = /\b(?:other|others|remaining|rest|apart\s+from|except|besides|aside\s+from)\b/i

const STATISTIC_WORDS: { pattern: RegExp; statistic: GateStatistic }[] = [
  { pattern: /\b(?:median|p50)\b/i, statistic: 'median' },
  { pattern: /\b(?:mean|average)\b/i, statistic: 'mean' },
  { pattern: /\bp90\b/i, statistic: 'p90' },
  { pattern: /\bp95\b/i, statistic: 'p95' },
  { pattern: /\bp99\b/i, statistic: 'p99' }
]

const KIND_WORDS: { pattern: RegExp; kind: FactSubject['metricKind'] }[] = [
  { pattern: /\b(?:latenc\w*|response\s+times?|ttft|time\s+to\s+first\s+token|duration)\b/i, kind: 'latency' },
  { pattern: /\b(?:throughput|tokens?\s*\/\s*s|tokens?\s+per\s+second|req\w*\s*\/\s*s)\b/i, kind: 'throughput' }
]

/**
 * Checks one sentence (plain text) against the compared series. Returns `approval`
 * for merge or approval wording, `direction` when a word of direction contradicts
 * the computed change or state of a series the sentence names, else null.
 */
export function checkClaims(sentence: string, subjects: readonly FactSubject[]): ClaimProblem {
  if (APPROVAL.test(sentence)) return 'approval'

  const text = sentence.replace(REGRESSION_AS_NAME, ' ')
  const qualities = new Set<Quality>()
  if (NO_REGRESSION.test(text)) qualities.add('no-regression')
  const rest = text.replace(new RegExp(NO_REGRESSION.source, 'gi'), ' ')
  if (REGRESSION.test(rest)) qualities.add('regression')
  if (BETTER.test(rest)) qualities.add('better')
  if (WORSE.test(rest)) qualities.add('worse')
  const movements = new Set<Movement>()
  if (UP.test(rest)) movements.add('up')
  if (DOWN.test(rest)) movements.add('down')
  if (qualities.size === 0 && movements.size === 0) return null

  // Mixed claims ("chat improved but embed regressed") cannot be tied to one series here.
  const positive = qualities.has('better') || qualities.has('no-regression')
  const negative = qualities.has('worse') || qualities.has('regression')
  const quality = positive && negative ? new Set<Quality>() : qualities
  const movement = movements.size === 1 ? [...movements][0] : null

  const named = namedSubjects(sentence, subjects)
  const statistics = STATISTIC_WORDS.filter(word => word.pattern.test(sentence)).map(word => word.statistic)

  if (named === null) return !EXCEPTING.test(sentence) && contradictsGlobally(quality, sentence, subjects) ? 'direction' : null
  for (const subject of named) {
    if (contradictsSubject(quality, movement, subject, statistics)) return 'direction'
  }
  return null
}

/** The subjects a sentence names by series or metric kind, or null for a claim about everything. */
function namedSubjects(sentence: string, subjects: readonly FactSubject[]): FactSubject[] | null {
  const lower = sentence.toLowerCase()
  const byName = subjects.filter(subject => subject.names.some(name => containsWord(lower, name)))
  const kinds = KIND_WORDS.filter(word => word.pattern.test(sentence)).map(word => word.kind)
  if (byName.length > 0) {
    const ofKind = kinds.length === 0 ? byName : byName.filter(subject => kinds.includes(subject.metricKind))
    return ofKind.length > 0 ? ofKind : byName
  }
  if (kinds.length > 0) return subjects.filter(subject => kinds.includes(subject.metricKind))
  return null
}

function containsWord(text: string, word: string): boolean {
  let index = text.indexOf(word)
  while (index >= 0) {
    const before = text[index - 1] ?? ' '
    const after = text[index + word.length] ?? ' '
    if (!/[\p{L}\p{N}_]/u.test(before) && !/[\p{L}\p{N}_]/u.test(after)) return true
    index = text.indexOf(word, index + 1)
  }
  return false
}

function contradictsGlobally(quality: Set<Quality>, sentence: string, subjects: readonly FactSubject[]): boolean {
  const anyRegression = subjects.some(subject => subject.state === 'regression')
  const anyWorse = subjects.some(subject => subject.state === 'regression' || subject.changes.some(change => outcome(subject, change.change) === 'worse'))
  if (quality.has('no-regression') && anyRegression) return true
  if (quality.has('better') && anyRegression) return true
  // "Everything improved" is false as soon as one series got worse.
  if (quality.has('better') && anyWorse && UNIVERSAL.test(sentence)) return true
  if (quality.has('regression') && !anyRegression) return true
  if (quality.has('worse') && !anyWorse) return true
  return false
}

function contradictsSubject(quality: Set<Quality>, movement: Movement | null, subject: FactSubject, statistics: GateStatistic[]): boolean {
  const named = subject.changes.filter(change => statistics.includes(change.statistic))
  const relevant = named.length > 0 ? named : subject.changes
  const outcomes = relevant.map(change => outcome(subject, change.change))

  if (quality.has('no-regression') && subject.state === 'regression') return true
  if (quality.has('regression') && subject.state !== 'regression' && subject.state !== 'failed') return true
  // New, removed and failed series have no change to be better or worse.
  if (relevant.length === 0) return false
  if (quality.has('better') && (subject.state === 'regression' || outcomes.includes('worse'))) return true
  if (quality.has('worse') && (subject.state === 'improvement' || (subject.state !== 'regression' && !outcomes.includes('worse')))) return true

  if (movement !== null && relevant.length > 0) {
    const signs = relevant.map(change => Math.sign(change.change ?? 0))
    if (movement === 'up' && signs.every(sign => sign < 0)) return true
    if (movement === 'down' && signs.every(sign => sign > 0)) return true
  }
  return false
}

/** Whether a relative change is better or worse for the metric's direction. */
function outcome(subject: FactSubject, change: number | null): 'better' | 'worse' | 'same' {
  if (change === null || change === 0 || subject.direction === 'neutral') return 'same'
  const increased = change > 0
  return increased === (subject.direction === 'lower-is-better') ? 'worse' : 'better'
}
