import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { sleep } from './clock.mjs'
import { tempDir } from './server.mjs'

/**
 * V8's sampling heap profiler in a server the benchmark starts (bench/lib/alloc-probe.cjs): `nodeArgs`
 * and `env` to start it with, then `start()` and `stop()` (the bytes allocated in between) around what
 * is measured.
 */
export function allocSampler() {
  const file = join(tempDir('alloc'), 'alloc.json')
  let pid
  async function signal(state) {
    rmSync(file, { force: true })
    process.kill(pid, 'SIGUSR2')
    for (let waited = 0; waited < 10_000; waited += 10) {
      await sleep(10)
      let report
      try {
        report = JSON.parse(readFileSync(file, 'utf8'))
      }
      catch {
        continue
      }
      if (report.state !== state)
        throw new Error(`allocation probe: ${report.message ?? report.state}`)
      return report
    }
    throw new Error('allocation probe: no answer in 10 s (is bench/lib/alloc-probe.cjs preloaded?)')
  }
  return {
    nodeArgs: ['--require', join(import.meta.dirname, 'alloc-probe.cjs')],
    env: { BENCH_ALLOC_FILE: file },
    attach: (childPid) => {
      pid = childPid
    },
    start: () => signal('started'),
    stop: async () => (await signal('stopped')).bytes,
  }
}
