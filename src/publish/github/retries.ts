/**
 * Retries after the first attempt, per GitHub API request. It sits apart from
 * `client.ts` so that messages can name it without loading Octokit.
 */
export const MAX_RETRIES = 2
