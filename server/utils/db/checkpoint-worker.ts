import type { Database } from 'better-sqlite3'
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { prometheusLines } from '../http/prometheus-text'

/** How often the worker folds the WAL back into the database (a PASSIVE checkpoint with nothing to do only reads the WAL index). */
const CHECKPOINT_EVERY_MS = 250

// Plain CommonJS for an eval'd worker: it has no bundle to import from, so it requires the driver by the
// absolute path the server resolved.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file, { timeout: 5000 })
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)')
// The counts are the current WAL's: frames folded before are counted again until the writer restarts it.
let last = { log: 0, checkpointed: 0 }
const timer = setInterval(() => {
  try {
    const now = checkpoint.get()
    const folded = now.log < last.log ? now.checkpointed : now.checkpointed - last.checkpointed
    last = now
    if (folded > 0)
      parentPort.postMessage({ folded })
  }
  catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) })
  }
}, workerData.everyMs)
parentPort.on('message', () => {
  clearInterval(timer)
  db.close()
  parentPort.close()
})
`

let framesCheckpointed = 0
let checkpoints = 0

export interface CheckpointWorker { stop: () => Promise<void> }

/**
 * Moves the WAL's checkpoints off the event loop. SQLite's automatic checkpoint runs inside the commit
 * that crosses its threshold: copying a few megabytes of pages into the database file and syncing it,
 * on the thread that serves every request, so the write paths that write the most (a webhook with its
 * raw payload) stall the longest. The writer turns the automatic checkpoint off and a worker thread with
 * its own connection checkpoints PASSIVE (never waiting for, nor blocking, the writer or a reader);
 * the writer restarts the WAL from its start at its next commit after a full checkpoint, so the file
 * stays as bounded as before. If the worker cannot start, the automatic checkpoint comes back.
 */
export function startCheckpointWorker(sqlite: Database, file: string): CheckpointWorker {
  let worker: Worker
  try {
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), file, everyMs: CHECKPOINT_EVERY_MS } })
  }
  catch (error) {
    console.error(`[db] checkpoints stay in the writer: ${(error as Error).message}`)
    return { stop: async () => {} }
  }
  sqlite.pragma('wal_autocheckpoint = 0')
  const fallBack = (why: string) => {
    console.error(`[db] checkpoint worker stopped (${why}); checkpoints go back to the writer`)
    if (sqlite.open)
      sqlite.pragma('wal_autocheckpoint = 1000')
  }
  let stopping = false
  worker.on('message', (message: { folded?: number, error?: string }) => {
    if (message.error) {
      console.error(`[db] checkpoint failed: ${message.error}`)
      return
    }
    checkpoints += 1
    framesCheckpointed += message.folded ?? 0
  })
  worker.on('error', error => fallBack(error.message))
  worker.on('exit', (code) => {
    if (!stopping)
      fallBack(`exit ${code}`)
  })
  worker.unref()
  return {
    stop: async () => {
      if (stopping)
        return
      stopping = true
      const exited = new Promise(resolve => worker.once('exit', resolve))
      worker.postMessage('stop')
      await exited
    },
  }
}

/** The worker's checkpoints since start, in the Prometheus text format. */
export function renderCheckpointMetrics(): string {
  return `${[
    ...prometheusLines('pulse_sqlite_checkpoints_total', 'counter', 'WAL checkpoints that folded frames into the database, run by the checkpoint worker (SQLite only).', [['', checkpoints]]),
    ...prometheusLines('pulse_sqlite_checkpoint_frames_total', 'counter', 'WAL frames (pages) the checkpoint worker folded into the database.', [['', framesCheckpointed]]),
  ].join('\n')}\n`
}
