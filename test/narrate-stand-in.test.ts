/**
 * The stand-in Ollama server itself, driven by the `ollama` client, so that other
 * tests can rely on it speaking the API as Ollama does.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Ollama } from 'ollama'
import { startOllamaServer, type OllamaServer } from './support/ollama-server.js'

describe('ollama stand-in', () => {
  let server: OllamaServer
  let client: Ollama
  before(async () => {
    server = await startOllamaServer({ models: [{ name: 'gemma3:latest', parameters: { num_ctx: 8192 }, contextLength: 131072 }], version: '0.9.6' })
    client = new Ollama({ host: server.url, headers: { 'X-Test': 'yes' } })
  })
  after(() => server.close())

  it('version and tags', async () => {
    assert.deepEqual(await client.version(), { version: '0.9.6' })
    const tags = await client.list()
    assert.equal(tags.models[0].name, 'gemma3:latest')
    assert.match(tags.models[0].digest, /^[0-9a-f]{64}$/)
  })

  it('show reports parameters', async () => {
    const shown = await client.show({ model: 'gemma3' })
    assert.match(shown.parameters, /^num_ctx\s+8192$/m)
    assert.equal((shown.model_info as unknown as Record<string, number>)['gemma3.context_length'], 131072)
  })

  it('ps lists loaded models', async () => {
    const loaded = await client.ps()
    assert.equal(loaded.models[0].name, 'gemma3:latest')
  })

  it('chat streams then final chunk', async () => {
    server.script({ text: 'one two three four', evalCount: 8, promptEvalCount: 100 })
    const stream = await client.chat({ model: 'gemma3', messages: [{ role: 'user', content: 'hi' }], stream: true })
    const parts = []
    for await (const part of stream) parts.push(part)
    assert.ok(parts.length >= 2)
    assert.equal(parts.map(part => part.message.content).join(''), 'one two three four')
    const final = parts.at(-1)
    assert.equal(final?.done, true)
    assert.equal(final?.done_reason, 'stop')
    // 8 tokens at 20 ms and 100 prompt tokens at 0.5 ms, in nanoseconds.
    assert.equal(final?.eval_duration, 160_000_000)
    assert.equal(final?.prompt_eval_duration, 50_000_000)
    assert.equal(final?.load_duration, 120_000_000)
    assert.equal(final?.total_duration, 120_000_000 + 50_000_000 + 160_000_000 + 1_000_000)
  })

  it('chat without streaming', async () => {
    server.script({ text: 'whole answer' })
    const response = await client.chat({ model: 'gemma3', messages: [{ role: 'user', content: 'hi' }], stream: false })
    assert.equal(response.message.content, 'whole answer')
    assert.equal(response.done, true)
  })

  it('generate streams response text', async () => {
    server.script({ text: 'generated text' })
    const stream = await client.generate({ model: 'gemma3', prompt: 'hi', stream: true })
    let text = ''
    for await (const part of stream) text += part.response ?? ''
    assert.equal(text, 'generated text')
  })

  it('generate without streaming', async () => {
    server.script({ text: 'generated text' })
    const response = await client.generate({ model: 'gemma3', prompt: 'hi', system: 'be brief', stream: false })
    assert.equal(response.response, 'generated text')
  })

  it('long prompt reports half window', async () => {
    server.script({ text: 'ok' })
    const response = await client.chat({ model: 'gemma3', messages: [{ role: 'user', content: 'x'.repeat(4 * 3000) }], options: { num_ctx: 2048 }, stream: false })
    assert.equal(response.prompt_eval_count, 2048 / 2 + 2)
  })

  it('unknown model is 404', async () => {
    await assert.rejects(client.chat({ model: 'gemma3:27b', messages: [] }), (error: Error & { status_code?: number }) => error.status_code === 404 && /not found/.test(error.message))
  })

  it('records requests with headers', async () => {
    const before = server.requests.length
    await client.chat({ model: 'gemma3', messages: [{ role: 'user', content: 'hi' }], options: { seed: 1 }, keep_alive: '5m' })
    const recorded = server.requests.slice(before)
    assert.equal(recorded.length, 1)
    assert.equal(recorded[0].path, '/api/chat')
    assert.equal(recorded[0].headers['x-test'], 'yes')
    assert.deepEqual(recorded[0].body?.options, { seed: 1 })
    assert.equal(recorded[0].body?.keep_alive, '5m')
  })

  it('pull streams progress', async () => {
    const stream = await client.pull({ model: 'llama3.2', stream: true })
    const statuses = []
    for await (const progress of stream) statuses.push(progress.status)
    assert.equal(statuses[0], 'pulling manifest')
    assert.equal(statuses.at(-1), 'success')
    assert.ok((await client.list()).models.some(model => model.name === 'llama3.2:latest'))
  })

  it('metadata fault', async () => {
    const failing = await startOllamaServer({ metadataStatus: 500 })
    try {
      await assert.rejects(new Ollama({ host: failing.url }).version(), (error: Error & { status_code?: number }) => error.status_code === 500)
    } finally {
      await failing.close()
    }
  })
})
