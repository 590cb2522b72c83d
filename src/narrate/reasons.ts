/**
 * Reasons for removing a sentence that more than one module names. They live apart
 * from the sanitiser so that reading them does not load the Markdown parser.
 */

/** Reason given for a sentence removed because it showed the address of a removed link. */
export const LINK_REASON = 'link to another host'
