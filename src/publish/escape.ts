/**
 * Escaping for text from artifacts (file names, series names, error messages)
 * that goes into the GitHub-flavoured Markdown of the report. Escaped text renders
 * as the literal characters: it cannot end a table cell or row, open HTML, a
 * link, an image, emphasis or math, auto-link a URL, or mention a user.
 */

const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/g
// C0 and C1 controls other than tab and line breaks, which are handled separately.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g

/** Collapses line breaks and tabs into single spaces and replaces other control characters with U+FFFD. */
export function toSingleLine(text: string): string {
  return text.replace(LINE_BREAK, ' ').replace(/\t/g, ' ').replace(CONTROL, '\ufffd')
}

/**
 * Escapes text for inline use in a Markdown paragraph, list item or table cell
 * (not at the start of a line). Line breaks become spaces.
 * HTML-significant characters become entities, and Markdown punctuation gets a
 * backslash. URL schemes, `www.` and `@` are broken with entities or a word joiner
 * because GitHub auto-links and mentions them even in plain text.
 */
export function escapeMarkdown(text: string): string {
  let escaped = ''
  const line = toSingleLine(text)
  for (let index = 0; index < line.length; index++) {
    const char = line[index]
    const previous = index > 0 ? line[index - 1] : ''
    const next = index + 1 < line.length ? line[index + 1] : ''
    escaped += escapeCharacter(char, previous, next, line, index)
  }
  return escaped
}

function escapeCharacter(char: string, previous: string, next: string, line: string, index: number): string {
  switch (char) {
    case '&':
      return '&amp;'
    case '<':
      return '&lt;'
    case '>':
      return '&gt;'
    case '\\':
    case '`':
    case '*':
    case '[':
    case ']':
    case '|':
    case '~':
    case '$':
    case '#':
      return `\\${char}`
    case '_':
      // GFM never treats an underscore between two alphanumerics as emphasis, so `num_ctx` stays readable.
      return isAlphanumeric(previous) && isAlphanumeric(next) ? '_' : '\\_'
    case ':':
      // The extended autolink needs a literal "://", so an entity keeps the text and breaks the link.
      return line.startsWith('//', index + 1) ? '&#58;' : ':'
    case '.':
      return /www$/i.test(line.slice(Math.max(0, index - 3), index)) ? '&#46;' : '.'
    case '@':
      // GitHub finds mentions and e-mail addresses in the rendered text, after entities are decoded,
      // so only an invisible word joiner after the "@" stops them.
      return isAlphanumeric(next) ? '@\u2060' : '@'
    default:
      return char
  }
}

function isAlphanumeric(char: string): boolean {
  return /^[\p{L}\p{N}]$/u.test(char)
}

/**
 * Writes text as an inline code span for a table cell: it renders verbatim, and
 * GitHub neither links, mentions nor renders math inside code. Pipes are
 * backslash-escaped because GFM splits table rows on them before it reads code spans.
 * Empty text returns `fallback` escaped as Markdown.
 */
export function codeSpan(text: string, fallback = ''): string {
  const line = toSingleLine(text)
  if (line === '') return escapeMarkdown(fallback)

  const longestRun = Math.max(0, ...(line.match(/`+/g) ?? []).map(run => run.length))
  const fence = '`'.repeat(longestRun + 1)
  // CommonMark strips one space from each end of a code span, so pad when the content starts or ends with a space or backtick.
  const padding = /^[ `]|[ `]$/.test(line) ? ' ' : ''
  return `${fence}${padding}${line.replace(/\|/g, '\\|')}${padding}${fence}`
}

/**
 * Escapes text for HTML element content such as `<summary>`, on one line. GitHub
 * does not read Markdown inside an HTML block, so this uses entities only.
 */
export function escapeHtml(text: string): string {
  return toSingleLine(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/@(?=[\p{L}\p{N}])/gu, '@\u2060')
}
