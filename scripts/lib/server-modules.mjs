import { join, resolve } from 'node:path'
import { createJiti } from 'jiti'

// The data scripts run the server's own TypeScript (migrations, table copy, checks) rather than a copy
// of it: jiti compiles it on the fly, with the same path aliases as the build.
const ROOT = resolve(import.meta.dirname, '../..')
const jiti = createJiti(import.meta.url, { alias: { '~server': join(ROOT, 'server'), '~shared': join(ROOT, 'shared') } })

/** Imports `server/<path>` (a .ts file) with its exports. */
export function importServer(path) {
  return jiti.import(join(ROOT, 'server', path))
}

/** Runs `main`, printing an Error's message (not its stack) and exiting 1 when it throws. */
export async function runScript(main) {
  try {
    await main()
  }
  catch (error) {
    console.error(`error: ${error instanceof Error ? error.message : error}`)
    process.exitCode = 1
  }
}
