import { spawn } from 'node:child_process'

const children = new Set()

/**
 * The node binary that runs Pulse servers (bench/lib/server.mjs): `PULSE_TEST_NODE` (another Node
 * version, e.g. the one `.ci/run` fetches, with a build whose native modules are built for it), else
 * this process's own.
 */
export function serverNode() {
  return process.env.PULSE_TEST_NODE || process.execPath
}

/**
 * Spawns `node <args>` (this process's node, or `node`) with the open-file limit raised to the hard
 * limit (`ulimit -n $(ulimit -Hn)` in a shell that then execs node, so the returned pid is node's).
 * Children are killed when this process exits, however it exits. Benchmarks and tests start every
 * Pulse server through it.
 */
export function spawnNode(args, options = {}, node = process.execPath) {
  const child = spawn('bash', ['-c', 'ulimit -n "$(ulimit -Hn)" && exec "$0" "$@"', node, ...args], options)
  children.add(child)
  child.once('exit', () => children.delete(child))
  return child
}

/** Resolves with the exit code once the child has exited (at once if it already has). */
export function exited(child) {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve(child.exitCode)
  return new Promise(resolve => child.once('exit', code => resolve(code)))
}

/**
 * Sends `signal` (SIGTERM by default), then SIGKILL after `graceMs`; resolves with the exit code once
 * the child is gone.
 */
export async function terminate(child, { signal = 'SIGTERM', graceMs = 10_000 } = {}) {
  if (child.exitCode !== null || child.signalCode !== null)
    return child.exitCode
  const done = exited(child)
  child.kill(signal)
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
  const code = await done
  clearTimeout(timer)
  return code
}

function killAll() {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null)
      child.kill('SIGKILL')
  }
}

process.once('exit', killAll)
for (const signal of ['SIGINT', 'SIGTERM']) {
  // Raised again once the children are gone, so that this process ends as the signal says (a test
  // runner's handler, if it has one, still runs).
  process.once(signal, () => {
    killAll()
    process.kill(process.pid, signal)
  })
}
