import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { CHROMIUM_FLAGS, chromiumPath, freshProfile } from './chromium.mjs'
import { exited } from './spawn.mjs'

/**
 * Starts Chromium with the benchmark flags, a fresh profile and a DevTools port (for Lighthouse),
 * and resolves with { port, stop } once it listens.
 */
export async function launchChromium() {
  const profile = freshProfile()
  // Its own process group, so that stopping it stops its helper processes (zygote, renderers) too.
  const child = spawn(chromiumPath(), [...CHROMIUM_FLAGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'], detached: true })
  let output = ''
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Chromium did not open its DevTools port:\n${output}`)), 30_000)
    child.stderr.on('data', (chunk) => {
      output += chunk
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(Number(match[1]))
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`Chromium exited (${code}):\n${output}`))
    })
  })
  child.stderr.resume()
  return {
    port,
    async stop() {
      const done = exited(child)
      try {
        process.kill(-child.pid, 'SIGTERM')
      }
      catch {}
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL')
        }
        catch {}
      }, 5000)
      await done
      clearTimeout(timer)
      try {
        rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
      }
      catch (error) {
        console.warn(`could not remove ${profile}: ${error.message}`)
      }
    },
  }
}
