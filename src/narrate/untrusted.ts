/**
 * Cleaning of text that comes from the repository (file names, series names, error
 * messages from artifacts) before it goes into a prompt. Such text is data: it is
 * quoted, and anything that could hide instructions or break out of the quoted data
 * block is removed.
 */

const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g
const HTML_TAG = /<\/?[A-Za-z][^<>]*>?/g
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/g

/**
 * Returns repository text fit for the prompt's data block: HTML comments (also
 * unterminated ones) and tags removed, control and invisible format characters
 * replaced by spaces, backticks and tildes (fence characters) replaced, whitespace
 * collapsed, and at most `maxLength` characters.
 */
export function cleanRepositoryText(text: string, maxLength = 160): string {
  const cleaned = text
    .replace(HTML_COMMENT, ' ')
    .replace(HTML_TAG, ' ')
    .replace(/[<>]/g, ' ')
    .replace(CONTROL, ' ')
    .replace(/[`~]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
  return cleaned.length > maxLength ? `${cleaned.slice(0, maxLength - 1)}…` : cleaned
}

/** Quotes cleaned repository text as a JSON string, so the model reads it as one value. */
export function quote(text: string, maxLength?: number): string {
  return JSON.stringify(cleanRepositoryText(text, maxLength))
}
