import type { TestServer } from '../helpers/server'
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { startServer } from '../helpers/server'
import { waitUntil } from '../helpers/wait'
import { orderBody, readMetric } from './support/api'

const PAGE_BYTES = 4096

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
    const folded = () => readMetric(server, 'pulse_sqlite_checkpoint_frames_total')
    // Frames folded once the worker has caught up: the count stays the same over two of its rounds.
    const settled = async (above: number) => {
      let last = -1
      return waitUntil(async () => {
        const now = await folded()
        const done = now > above && now === last
        last = now
        return done && now
      }, 'the checkpoint worker to fold every frame', 10_000, 600)
    }

    await writeOrders(orders / 2)
    const first = await settled(0)
    expect(await readMetric(server, 'pulse_sqlite_checkpoints_total')).toBeGreaterThan(0)
    // Everything folded, the writer starts the WAL over with its next commit instead of growing it.
    await writeOrders(orders / 2)
    const frames = await settled(first)
    const file = join(server.dataDir, 'pulse.sqlite')
    expect(statSync(`${file}-wal`).size).toBeLessThan(frames * PAGE_BYTES)

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
