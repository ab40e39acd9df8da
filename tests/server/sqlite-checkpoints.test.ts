import type { TestServer } from '../helpers/server'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { startServer } from '../helpers/server'
import { waitUntil } from '../helpers/wait'
import { orderBody, readMetric } from './support/api'

describe('sQLite checkpoints off the event loop', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer({ backend: 'sqlite' })
  })
  afterAll(() => server?.dispose())

  it('the worker folds the WAL into the database while orders are written, the writer reuses the WAL, and a stop leaves no WAL behind', async () => {
    const { api } = await registerStore(server.url)
    const orders = 300
    const writeOrders = async (count: number) => {
      for (let i = 0; i < count; i += 10)
        await Promise.all(Array.from({ length: 10 }, () => api.post('/orders', orderBody()).then(r => expect(r.status).toBe(201))))
    }
    const file = join(server.dataDir, 'pulse.sqlite')
    // Every frame of the WAL folded into the database, read from the WAL index (sqlite.org/walformat.html):
    // its header's mxFrame against the checkpoint info's nBackfill. The worker's own metrics cannot say it:
    // a round it is late for (a loaded machine) looks like a round with nothing to fold.
    const folded = () => {
      const index = readFileSync(`${file}-shm`).subarray(0, 136)
      const frames = index.readUInt32LE(16)
      return frames > 0 && index.readUInt32LE(96) === frames
    }
    // How many times the WAL was started over: its header's checkpoint sequence number (big-endian).
    const restarts = () => readFileSync(`${file}-wal`).readUInt32BE(12)

    await writeOrders(orders / 2)
    await waitUntil(folded, 'the checkpoint worker to fold every frame')
    // The worker counts its rounds to the server after it has folded them.
    await waitUntil(async () => await readMetric(server, 'pulse_sqlite_checkpoints_total') > 0 && await readMetric(server, 'pulse_sqlite_checkpoint_frames_total') > 0, 'the checkpoint metrics')
    const before = restarts()
    const size = statSync(`${file}-wal`).size
    // Everything folded, the writer starts the WAL over with its next commit instead of growing it.
    await writeOrders(orders / 2)
    await waitUntil(folded, 'the checkpoint worker to fold every frame')
    expect(restarts()).toBeGreaterThan(before)
    expect(statSync(`${file}-wal`).size).toBeLessThan(2 * size)

    expect(await server.stop('SIGTERM')).toBe(0)
    expect(existsSync(`${file}-wal`)).toBe(false)
    const sqlite = new SQLite(file, { readonly: true })
    try {
      expect(sqlite.prepare('select count(*) as n from orders').get()).toEqual({ n: orders })
    }
    finally {
      sqlite.close()
    }
  })
})
