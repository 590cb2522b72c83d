import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { Inputs, InputError, readSettings, type SettingsEnvironment } from '../src/settings/index.js'
import { actionDefaults } from './support/action-runner.js'

const environment: SettingsEnvironment = {
  tempDirectory: '/tmp/runner',
  defaultCommentKey: 'benchmarks/report',
  readTextFile: path => `instructions from ${path}`
}

function settingsFrom(inputs: Record<string, string>, overrides: Partial<SettingsEnvironment> = {}) {
  return readSettings(name => inputs[name] ?? '', { ...environment, ...overrides })
}

describe('settings', () => {
  it('action.yml defaults match built-in defaults', () => {
    const fromActionYml = settingsFrom(actionDefaults())
    const fromNothing = settingsFrom({})
    assert.deepEqual(fromActionYml.collect, fromNothing.collect)
    assert.deepEqual(fromActionYml.gate, fromNothing.gate)
    assert.deepEqual({ ...fromActionYml.narrate }, { ...fromNothing.narrate })
    assert.deepEqual({ ...fromActionYml.publish, token: '' }, { ...fromNothing.publish, token: '' })
  })

  it('every input in names.ts is declared in action.yml', () => {
    const declared = Object.keys(actionDefaults()).sort()
    assert.deepEqual(declared, Object.values(Inputs).sort())
  })

  it('defaults are documented values', () => {
    const settings = settingsFrom({})
    assert.deepEqual(settings.collect.patterns, ['reports/**', 'csv_data/**', 'artifacts/**'])
    assert.equal(settings.gate.maxRegression, 0.1)
    assert.equal(settings.gate.statistic, 'median')
    assert.equal(settings.gate.alpha, 0.05)
    assert.deepEqual(settings.gate.failOn, ['regression', 'failed'])
    assert.equal(settings.narrate.model, 'gemma3')
    assert.equal(settings.narrate.host, 'http://127.0.0.1:11434')
    assert.deepEqual(settings.narrate.options, {})
    assert.equal(settings.publish.commentKey, 'benchmarks/report')
    assert.equal(settings.publish.reportDirectory, '/tmp/runner/ollama-benchmark-report')
  })

  it('OLLAMA_HOST applies when ollama-host is empty', () => {
    assert.equal(settingsFrom({}, { ollamaHostVariable: 'http://gpu-box:11434' }).narrate.host, 'http://gpu-box:11434')
    assert.equal(settingsFrom({ [Inputs.OllamaHost]: 'http://other:1' }, { ollamaHostVariable: 'http://gpu-box:11434' }).narrate.host, 'http://other:1')
  })

  it('model options are sent only when set', () => {
    const settings = settingsFrom({ [Inputs.NumCtx]: '8192', [Inputs.Temperature]: '0.2', [Inputs.TopK]: '40', [Inputs.NumGpu]: '999' })
    assert.deepEqual(settings.narrate.options, { num_ctx: 8192, temperature: 0.2, top_k: 40, num_gpu: 999 })
  })

  it('sizes accept units', () => {
    assert.equal(settingsFrom({ [Inputs.MaxFileSize]: '512kB' }).collect.maxFileBytes, 512 * 1024)
    assert.equal(settingsFrom({ [Inputs.MaxFileSize]: '100MB' }).collect.maxFileBytes, 100 * 1024 * 1024)
    assert.equal(settingsFrom({ [Inputs.MaxFileSize]: '1048576' }).collect.maxFileBytes, 1048576)
  })

  it('percent threshold accepts a percent sign', () => {
    assert.equal(settingsFrom({ [Inputs.MaxRegression]: '5%' }).gate.maxRegression, 0.05)
    assert.equal(settingsFrom({ [Inputs.MaxRegression]: '12.5' }).gate.maxRegression, 0.125)
  })

  it('fail-on accepts a list or none', () => {
    assert.deepEqual(settingsFrom({ [Inputs.FailOn]: 'regression, inconclusive' }).gate.failOn, ['regression', 'inconclusive'])
    assert.deepEqual(settingsFrom({ [Inputs.FailOn]: 'none' }).gate.failOn, [])
  })

  it('headers are parsed per line', () => {
    const settings = settingsFrom({ [Inputs.OllamaHeaders]: 'Authorization: Bearer abc\nX-Team: perf' })
    assert.deepEqual(settings.narrate.headers, { Authorization: 'Bearer abc', 'X-Team': 'perf' })
  })

  it('prompt-file is read from the workspace', () => {
    assert.equal(settingsFrom({ [Inputs.PromptFile]: '.github/prompt.md' }).narrate.prompt, 'instructions from .github/prompt.md')
  })

  const invalid: [string, string, RegExp][] = [
    [Inputs.KeepColdStarts, 'yes', /'keep-cold-starts' has invalid value 'yes': expected 'true' or 'false'/],
    [Inputs.Narrative, 'sometimes', /'narrative' has invalid value 'sometimes': expected one of auto, required, off/],
    [Inputs.MaxRegression, 'ten', /'max-regression' has invalid value 'ten'/],
    [Inputs.Alpha, '1.5', /'alpha' has invalid value '1.5': expected a significance level above 0 and at most 0.5/],
    [Inputs.Alpha, '0', /'alpha' has invalid value '0': expected a significance level above 0/],
    [Inputs.Timeout, '-1', /'timeout' has invalid value '-1': expected a number of at least 1\./],
    [Inputs.OllamaHost, 'ftp://x', /'ollama-host' has invalid value 'ftp:\/\/x': expected an http:\/\/ or https:\/\/ URL/],
    [Inputs.OllamaHost, 'http://gpu box', /'ollama-host' has invalid value 'http:\/\/gpu box'/],
    [Inputs.NumCtx, '4096.5', /'num-ctx' has invalid value '4096.5': expected a whole number/],
    [Inputs.Temperature, '0x1', /'temperature' has invalid value '0x1': expected a decimal number/],
    [Inputs.MaxFileSize, '10 parsecs', /'max-file-size' has invalid value '10 parsecs'/],
    [Inputs.FailOn, 'regression,slow', /'fail-on' has invalid value 'slow'/],
    [Inputs.GateStatistic, 'p42', /'gate-statistic' has invalid value 'p42': expected one of median, mean, p90, p95, p99/],
    [Inputs.PrNumber, 'seven', /'pr-number' has invalid value 'seven'/]
  ]
  for (const [input, value, message] of invalid) {
    it(`${input} rejects '${value}'`, () => {
      assert.throws(() => settingsFrom({ [input]: value }), (error: unknown) => error instanceof InputError && message.test(error.message))
    })
  }

  it('header error hides the value', () => {
    assert.throws(
      () => settingsFrom({ [Inputs.OllamaHeaders]: 'no header name secret-value' }),
      (error: unknown) => error instanceof Error && !error.message.includes('secret-value')
    )
  })

  it('host without scheme gets http', () => {
    assert.equal(settingsFrom({ [Inputs.OllamaHost]: 'gpu-box:11434' }).narrate.host, 'http://gpu-box:11434')
  })

  it('host error hides credentials', () => {
    assert.throws(
      () => settingsFrom({ [Inputs.OllamaHost]: 'ftp://user:secret@gpu-box' }),
      (error: unknown) => error instanceof Error && !error.message.includes('secret')
    )
  })

  it('prompt and prompt-file conflict', () => {
    assert.throws(() => settingsFrom({ [Inputs.Prompt]: 'a', [Inputs.PromptFile]: 'b.md' }), /either 'prompt' or 'prompt-file'/)
  })
})
