import { join } from 'node:path'
import { exited, spawnNode } from './spawn.mjs'

/**
 * Starts the SSE load generator (bench/lib/sse-load-generator.mjs) in its own process, with the
 * open-file limit raised, and returns a promise-based handle over its IPC messages.
 */
export async function startLoadGenerator() {
  const child = spawnNode([join(import.meta.dirname, 'sse-load-generator.mjs')], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const queue = []
  const pending = new Map()
  child.on('message', (message) => {
    const waiter = pending.get(message.type)
    if (waiter) {
      pending.delete(message.type)
      waiter.resolve(message)
    }
    else {
      queue.push(message)
    }
  })
  child.once('exit', (code) => {
    for (const [type, waiter] of pending) waiter.reject(new Error(`load generator exited (${code}) while waiting for "${type}"`))
    pending.clear()
  })
  const next = type => new Promise((resolve, reject) => {
    const index = queue.findIndex(m => m.type === type)
    if (index >= 0)
      return resolve(queue.splice(index, 1)[0])
    if (child.exitCode !== null)
      return reject(new Error(`load generator exited (${child.exitCode})`))
    pending.set(type, { resolve, reject })
  })
  await next('ready')
  return {
    pid: child.pid,
    /**
     * Opens `clients` streams to url+path (headers e.g. authorization) and resolves when all are settled.
     * With `reconnect`, a stream the server ends is reopened like EventSource's: after `retry`, with Last-Event-ID.
     */
    connect: ({ url, path, headers = {}, clients, concurrency = 200, record = false, timeoutMs = 60_000, reconnect = false }) => {
      const { hostname, port } = new URL(url)
      child.send({ type: 'connect', host: hostname, port: Number(port), path, headers, clients, concurrency, record, timeoutMs, reconnect })
      return next('connected')
    },
    /** Resolves when event `seq` has reached every live stream (or after timeoutMs): { have, target, ms }. */
    waitFor: (seq, timeoutMs = 10_000) => {
      child.send({ type: 'wait', seq, timeoutMs })
      return next('waited')
    },
    /** Receipt − send and receipt − response over every client for `posts` ({ seq, start, end }); needs record. */
    latency: (posts) => {
      child.send({ type: 'latency', posts })
      return next('latency')
    },
    /** Per-stream counts for the events (fromSeq, toSeq], and receipt times when connect had record. */
    report: (fromSeq, toSeq) => {
      child.send({ type: 'report', fromSeq, toSeq })
      return next('report')
    },
    async close() {
      if (child.connected)
        child.send({ type: 'close' })
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited(child)
      clearTimeout(timer)
    },
  }
}
