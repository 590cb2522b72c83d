/**
 * Threshold rules: reading them from a YAML or JSON file or inline YAML, rejecting
 * invalid rules with the rule number, field and accepted values, and applying them.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { compareAnalyses } from '../src/compare/index.js'
import { loadThresholdRules, parseThresholdRules, resolveOverrides, ThresholdsError } from '../src/compare/thresholds.js'
import { MemoryLogger } from '../src/logger.js'
import { analysis, gateSettings, series } from './support/compare-fixtures.js'

const workspace = mkdtempSync(join(tmpdir(), 'compare-thresholds-'))
after(() => rmSync(workspace, { recursive: true, force: true }))

const SUBJECT = { benchmark: 'reports/ollama/{run}/gemma3_runs.csv', paths: ['reports/ollama/20251008-122911/gemma3_runs.csv'], seriesKey: 'model=gemma3:latest', metric: 'ttft_s' }

describe('loadThresholdRules', () => {
  it('yaml file relative to workspace', async () => {
    mkdirSync(join(workspace, '.github'), { recursive: true })
    writeFileSync(join(workspace, '.github/thresholds.yml'), '- metric: ttft*\n  threshold: 20\n- series: "model=llama3*"\n  ignore: true\n')
    const rules = await loadThresholdRules('.github/thresholds.yml', workspace)
    assert.equal(rules.length, 2)
    assert.deepEqual(rules[0].metric, ['ttft*'])
    assert.equal(rules[0].threshold, 0.2)
    assert.equal(rules[1].ignore, true)
  })

  it('json file', async () => {
    writeFileSync(join(workspace, 'thresholds.json'), JSON.stringify({ rules: [{ benchmark: 'reports/**', statistic: 'p95', threshold: '15%' }] }))
    const rules = await loadThresholdRules('thresholds.json', workspace)
    assert.equal(rules.length, 1)
    assert.equal(rules[0].statistic, 'p95')
    assert.equal(rules[0].threshold, 0.15)
  })

  it('inline yaml', async () => {
    const rules = await loadThresholdRules('- metric: tokens_s\n  direction: higher-is-better\n  min-absolute-change: 2', workspace)
    assert.equal(rules[0].direction, 'higher-is-better')
    assert.equal(rules[0].minAbsoluteChange, 2)
  })

  it('inline flow list on one line', async () => {
    const rules = await loadThresholdRules('[{metric: load_s, ignore: true}]', workspace)
    assert.equal(rules[0].ignore, true)
  })

  it('empty input gives no rules', async () => {
    assert.deepEqual(await loadThresholdRules(null, workspace), [])
    assert.deepEqual(await loadThresholdRules('  ', workspace), [])
  })

  it('missing file names the path', async () => {
    await assert.rejects(loadThresholdRules('config/none.yml', workspace), (error: Error) => {
      assert.ok(error instanceof ThresholdsError)
      assert.match(error.message, /'config\/none\.yml' not found/)
      return true
    })
  })
})

describe('parseThresholdRules errors', () => {
  const cases: { name: string; text: string; pattern: RegExp }[] = [
    { name: 'threshold not a percentage', text: '- metric: a\n  threshold: 10\n- metric: b\n  threshold: fast', pattern: /rule 2 of 2 .*field 'threshold' is 'fast'; expected a percentage above 0 and at most 1000/ },
    { name: 'threshold of zero', text: '- threshold: 0', pattern: /rule 1 of 1 .*field 'threshold' is '0'/ },
    { name: 'unknown statistic', text: '- statistic: p50', pattern: /rule 1 of 1 .*field 'statistic' is 'p50'; expected one of median, mean, p90, p95, p99/ },
    { name: 'unknown direction', text: '- direction: up', pattern: /field 'direction' is 'up'; expected one of lower-is-better, higher-is-better, neutral/ },
    { name: 'ignore not boolean', text: '- ignore: "yes"', pattern: /field 'ignore' is 'yes'; expected true or false/ },
    { name: 'misspelt field', text: '- metric: a\n  treshold: 5', pattern: /unknown field 'treshold'; accepted fields are benchmark, series, metric, threshold/ },
    { name: 'rule without effect', text: '- metric: a', pattern: /rule 1 of 1 .*sets none of threshold, statistic, direction, ignore, min-absolute-change/ },
    { name: 'empty glob list', text: '- metric: []\n  ignore: true', pattern: /field 'metric' is a list; expected a glob or a non-empty list of globs/ },
    { name: 'rule not a mapping', text: '- ttft_s', pattern: /rule 1 of 1 .*expected a mapping/ },
    { name: 'negative floor', text: '- min-absolute-change: -1', pattern: /field 'min-absolute-change' is '-1'; expected a number of at least 0/ },
    { name: 'document not a list', text: 'threshold: 5', pattern: /expected a list of rules/ },
    { name: 'yaml syntax error', text: '- metric: [a\n  threshold: 5', pattern: /Invalid YAML in test rules at line \d+, column \d+/ }
  ]
  for (const { name, text, pattern } of cases) {
    it(name, () => {
      assert.throws(() => parseThresholdRules(text, 'test rules'), (error: Error) => {
        assert.ok(error instanceof ThresholdsError, `${error.name}: ${error.message}`)
        assert.match(error.message, pattern)
        return true
      })
    })
  }
})

describe('resolveOverrides', () => {
  it('later rule wins per field', () => {
    const rules = parseThresholdRules('- threshold: 20\n  statistic: mean\n- metric: ttft*\n  threshold: 30', 'test')
    const overrides = resolveOverrides(rules, SUBJECT)
    assert.deepEqual(overrides.threshold, { value: 0.3, rule: 2 })
    assert.deepEqual(overrides.statistic, { value: 'mean', rule: 1 })
  })

  it('benchmark glob matches run path', () => {
    const rules = parseThresholdRules('- benchmark: reports/ollama/2025*/*.csv\n  ignore: true', 'test')
    assert.equal(resolveOverrides(rules, SUBJECT).ignore?.value, true)
  })

  it('benchmark glob matches benchmark id', () => {
    const rules = parseThresholdRules('- benchmark: "reports/ollama/**"\n  ignore: true', 'test')
    assert.equal(resolveOverrides(rules, { ...SUBJECT, paths: [] }).ignore?.value, true)
  })

  it('series glob crosses slashes', () => {
    const rules = parseThresholdRules('- series: "model=hf.co/*"\n  threshold: 50', 'test')
    assert.equal(resolveOverrides(rules, { ...SUBJECT, seriesKey: 'model=hf.co/org/model:q4' }).threshold?.value, 0.5)
  })

  it('non-matching rule changes nothing', () => {
    const rules = parseThresholdRules('- metric: tokens*\n  threshold: 50', 'test')
    assert.deepEqual(resolveOverrides(rules, SUBJECT), {})
  })
})

describe('thresholds in compareAnalyses', () => {
  const base = analysis([series({ samples: [100, 101, 102] })])
  const head = analysis([series({ samples: [115, 116, 117] })])

  it('default threshold flags +15 %', async () => {
    const comparison = await compareAnalyses(head, base, { kind: 'path', ref: 'base', reason: null }, gateSettings(), workspace, new MemoryLogger())
    assert.equal(comparison.entries[0].state, 'regression')
  })

  it('rule threshold of 20 % passes +15 %', async () => {
    const settings = gateSettings({ thresholds: '- metric: latency_ms\n  threshold: 20' })
    const comparison = await compareAnalyses(head, base, { kind: 'path', ref: 'base', reason: null }, settings, workspace, new MemoryLogger())
    const entry = comparison.entries[0]
    assert.equal(entry.state, 'unchanged')
    assert.equal(entry.changes[0].threshold, 0.2)
    assert.ok(entry.notes.some(note => note.includes('threshold 20 % from thresholds rule 1')), entry.notes.join('\n'))
    assert.equal(comparison.failed, false)
  })

  it('ignore rule keeps job green', async () => {
    const settings = gateSettings({ thresholds: '- series: "series=chat"\n  ignore: true' })
    const comparison = await compareAnalyses(head, base, { kind: 'path', ref: 'base', reason: null }, settings, workspace, new MemoryLogger())
    const entry = comparison.entries[0]
    assert.equal(entry.state, 'regression')
    assert.equal(entry.gated, false)
    assert.equal(entry.failsJob, false)
    assert.equal(comparison.failed, false)
  })

  it('direction rule flips verdict', async () => {
    const settings = gateSettings({ thresholds: '- metric: latency_ms\n  direction: higher-is-better' })
    const comparison = await compareAnalyses(head, base, { kind: 'path', ref: 'base', reason: null }, settings, workspace, new MemoryLogger())
    assert.equal(comparison.entries[0].state, 'improvement')
    assert.equal(comparison.entries[0].direction, 'higher-is-better')
  })

  it('invalid rule rejects compare', async () => {
    const settings = gateSettings({ thresholds: '- threshold: lots' })
    await assert.rejects(
      compareAnalyses(head, base, { kind: 'path', ref: 'base', reason: null }, settings, workspace, new MemoryLogger()),
      /Invalid rule 1 of 1 in inline thresholds: field 'threshold' is 'lots'/
    )
  })
})
