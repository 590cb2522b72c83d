// Preloaded (through NODE_OPTIONS --import) into one untimed run of the action in
// the start-up benchmark. It records the URL of every module that Node's loader
// loads, the chunks of the bundle included, and at exit writes them, one per line,
// to the file named by BENCH_LOADED_FILES.
import { writeFileSync } from 'node:fs'
import { registerHooks } from 'node:module'

const target = process.env.BENCH_LOADED_FILES
if (target) {
  const loaded = new Set()
  registerHooks({
    load(url, context, nextLoad) {
      loaded.add(url)
      return nextLoad(url, context)
    }
  })
  process.on('exit', () => {
    writeFileSync(target, [...loaded].join('\n'))
  })
}
