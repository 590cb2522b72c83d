import { enableCompileCache } from 'node:module'

// Compiling the bundle is most of the start-up time. Node 22.1 and later can keep
// the compiled code in a cache folder under the OS temp folder, which a self-hosted
// runner keeps between jobs. Node ignores a cache folder that it cannot create.
enableCompileCache()

const { run } = await import('./main.js')
await run()
