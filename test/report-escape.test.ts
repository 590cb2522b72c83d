import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { describe, test } from 'node:test'
import { codeSpan, escapeHtml, escapeMarkdown, toSingleLine } from '../src/publish/escape.js'

const HOSTILE = 'a|b`<img src=x>`[x](http://e)'

/** Renders GFM with GitHub's cmark-gfm command when it is installed (Debian package `cmark-gfm`). */
function renderGfm(markdown: string): string | null {
  const result = spawnSync('cmark-gfm', ['-e', 'table', '-e', 'autolink', '-e', 'strikethrough'], { input: markdown, encoding: 'utf8' })
  if (result.error !== undefined || result.status !== 0) return null
  return result.stdout
}
const hasCmarkGfm = renderGfm('x') !== null
const NO_CMARK = 'cmark-gfm is not installed (apt-get install cmark-gfm); the rendering checks were skipped'

describe('escapeMarkdown', () => {
  test('escapes table pipe', () => {
    assert.equal(escapeMarkdown('a|b'), 'a\\|b')
  })

  test('turns HTML into entities', () => {
    assert.equal(escapeMarkdown('<img src=x>'), '&lt;img src=x&gt;')
  })

  test('escapes link brackets and backticks', () => {
    assert.equal(escapeMarkdown('[x](y) `z`'), '\\[x\\](y) \\`z\\`')
  })

  test('breaks URL autolinks', () => {
    assert.equal(escapeMarkdown('http://e'), 'http&#58;//e')
  })

  test('breaks www autolinks', () => {
    assert.equal(escapeMarkdown('www.example.com'), 'www&#46;example.com')
  })

  test('breaks mentions with word joiner', () => {
    assert.equal(escapeMarkdown('@octocat'), '@\u2060octocat')
  })

  test('keeps intraword underscores', () => {
    assert.equal(escapeMarkdown('num_ctx'), 'num_ctx')
  })

  test('escapes emphasis underscores', () => {
    assert.equal(escapeMarkdown('_x_'), '\\_x\\_')
  })

  test('escapes backslash and dollar', () => {
    assert.equal(escapeMarkdown('\\$x$'), '\\\\\\$x\\$')
  })

  test('collapses line breaks', () => {
    assert.equal(escapeMarkdown('cold start\r\nafter deploy\nok'), 'cold start after deploy ok')
  })

  test('replaces control characters', () => {
    assert.equal(toSingleLine('a\u0000b\u001bc'), 'a\ufffdb\ufffdc')
  })
})

describe('codeSpan', () => {
  test('wraps plain text', () => {
    assert.equal(codeSpan('chat'), '`chat`')
  })

  test('escapes pipes inside code', () => {
    assert.equal(codeSpan('a|b'), '`a\\|b`')
  })

  test('fence longer than inner backticks', () => {
    assert.equal(codeSpan('a``b'), '```a``b```')
  })

  test('pads leading backtick', () => {
    assert.equal(codeSpan('`x'), '`` `x ``')
  })

  test('empty text uses fallback', () => {
    assert.equal(codeSpan('', '(all rows)'), '(all rows)')
  })

  test('collapses line breaks', () => {
    assert.equal(codeSpan('a\nb'), '`a b`')
  })
})

describe('escapeHtml', () => {
  test('uses entities only', () => {
    assert.equal(escapeHtml('a|b <i>&'), 'a|b &lt;i&gt;&amp;')
  })
})

describe('escaping rendered by cmark-gfm', () => {
  const table = (cell: string) => `| name | n |\n| --- | --- |\n| ${cell} | 1 |\n`

  test('code span keeps one cell', { skip: hasCmarkGfm ? false : NO_CMARK }, () => {
    const html = renderGfm(table(codeSpan(HOSTILE))) ?? ''
    assert.equal((html.match(/<td>/g) ?? []).length, 2)
    assert.ok(html.includes('<td><code>a|b`&lt;img src=x&gt;`[x](http://e)</code></td>'), html)
  })

  test('escaped text keeps one cell', { skip: hasCmarkGfm ? false : NO_CMARK }, () => {
    const html = renderGfm(table(escapeMarkdown(`${HOSTILE}\nnext line`))) ?? ''
    assert.equal((html.match(/<td>/g) ?? []).length, 2)
    assert.ok(html.includes('<td>a|b`&lt;img src=x&gt;`[x](http://e) next line</td>'), html)
  })

  test('escaped text has no link', { skip: hasCmarkGfm ? false : NO_CMARK }, () => {
    const html = renderGfm(`${escapeMarkdown('see [x](http://e) or www.example.com or http://e or a@b.co')}\n`) ?? ''
    assert.ok(!html.includes('<a '), html)
  })

  test('escaped text has no HTML', { skip: hasCmarkGfm ? false : NO_CMARK }, () => {
    const html = renderGfm(`${escapeMarkdown('<script>x</script> <img src=x>')}\n`) ?? ''
    assert.ok(!html.includes('<script'), html)
    assert.ok(!html.includes('<img'), html)
  })
})
