import { enableCompileCache } from 'node:module'

// V8 compiling the bundle is most of the start-up time. Node 22.1+ can keep the
// compiled code in a cache folder under the OS temp folder, which a self-hosted
// runner keeps between jobs; a failure to create it is ignored by Node.
enableCompileCache()

const { run } = await import('./main.js')
await run()
