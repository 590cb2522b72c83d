// Preloaded into every child process the suite times (through NODE_OPTIONS --import),
// the action and the floors alike, so both carry the same small cost. At exit it
// writes the process's peak resident set size to the file named by
// BENCH_PEAK_RSS_FILE: getrusage's ru_maxrss, which Node reports in kilobytes.
import { writeFileSync } from 'node:fs'

const target = process.env.BENCH_PEAK_RSS_FILE
if (target) {
  process.on('exit', () => {
    writeFileSync(target, String(process.resourceUsage().maxRSS * 1024))
  })
}
