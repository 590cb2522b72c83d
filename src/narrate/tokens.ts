/**
 * Token estimates for sizing the prompt before it is sent, because Ollama silently
 * drops the start of a prompt longer than the context window.
 */

/**
 * Estimates the tokens of a text: one per digit plus one per four other characters,
 * rounded up. Four characters a token is the usual rule of thumb for English with
 * SentencePiece and BPE tokenizers. Digits count one each, because Gemma's tokenizer
 * splits numbers into single digits and the facts are full of numbers. The server's
 * `prompt_eval_count` is the real count.
 */
export function estimateTokens(text: string): number {
  let digits = 0
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index)
    if (code >= 48 && code <= 57) digits += 1
  }
  return digits + Math.ceil((text.length - digits) / 4)
}
