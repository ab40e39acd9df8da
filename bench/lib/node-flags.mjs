import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './results.mjs'

let cached

/**
 * Node's flags in the production start (`npm run serve` in package.json), so that every server a
 * benchmark or a test starts, and the floors it is compared with, run on the same runtime settings as
 * production: one place says what they are.
 */
export function productionNodeFlags() {
  cached ??= JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.serve.split(/\s+/).filter(arg => arg.startsWith('--'))
  return cached
}
