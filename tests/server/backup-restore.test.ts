import type { Api } from '../helpers/api'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { checkSqliteFile } from '~server/utils/backups/check-sqlite-file'
import { migrationNames } from '~server/utils/db/migration-names'
import { Api as Client, registerStore } from '../helpers/api'
import { startServer } from '../helpers/server'
import { waitUntil } from '../helpers/wait'
import { orderBody, readMetric } from './support/api'
import { runScript } from './support/scripts'

const WORK = mkdtempSync(join(tmpdir(), 'pulse-backup-test-'))
afterAll(() => rmSync(WORK, { recursive: true, force: true }))

const PASSWORD = 'correct horse'
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')

/** Four writers posting orders, and paying every other one, until stopped. */
function fourWriters(api: Api): { stop: () => Promise<number> } {
  const state = { running: true, written: 0 }
  const writer = async () => {
    while (state.running) {
      const order = await api.post('/orders', orderBody())
      expect(order.status).toBe(201)
      if (order.body.number % 2 === 0)
        expect((await api.post(`/orders/${order.body.id}/payments`, { amountCents: order.body.totalCents, method: 'card' })).status).toBe(201)
      state.written++
    }
  }
  const writers = [writer(), writer(), writer(), writer()]
  return {
    async stop() {
      state.running = false
      await Promise.all(writers)
      return state.written
    },
  }
}

/** What a consistent copy must show: rollups (hourly and daily) that add up to its orders and payments, and seqs 1..last_seq without a gap. */
function readConsistency(file: string) {
  const db = new SQLite(file, { readonly: true })
  try {
    const one = (sql: string) => Object.values(db.prepare(sql).get() as object)[0] as number
    return {
      orders: one('select count(*) from orders'),
      rollups: {
        orderCount: one('select coalesce(sum(order_count), 0) from rollups_hourly'),
        orderTotalCents: one('select coalesce(sum(order_total_cents), 0) from rollups_hourly'),
        revenueCents: one('select coalesce(sum(revenue_cents), 0) from rollups_hourly'),
        paymentCount: one('select coalesce(sum(payment_count), 0) from rollups_hourly'),
      },
      days: {
        orderCount: one('select coalesce(sum(order_count), 0) from rollups_daily'),
        orderTotalCents: one('select coalesce(sum(order_total_cents), 0) from rollups_daily'),
        revenueCents: one('select coalesce(sum(revenue_cents), 0) from rollups_daily'),
        paymentCount: one('select coalesce(sum(payment_count), 0) from rollups_daily'),
      },
      direct: {
        orderCount: one('select count(*) from orders where status <> \'cancelled\''),
        orderTotalCents: one('select coalesce(sum(total_cents), 0) from orders where status <> \'cancelled\''),
        revenueCents: one('select coalesce(sum(amount_cents), 0) from payments'),
        paymentCount: one('select count(*) from payments'),
      },
      lastSeq: one('select last_seq from stores'),
      seqs: db.prepare('select count(*) as count, min(seq) as min, max(seq) as max from events').get() as { count: number, min: number, max: number },
    }
  }
  finally {
    db.close()
  }
}

describe('backup and restore of the embedded database', () => {
  it('backs up while four writers post orders; the restored copy signs in with figures equal to its orders and gapless seqs', async () => {
    const server = await startServer()
    try {
      const { api, auth } = await registerStore(server.url)
      const writing = fourWriters(api)
      await waitUntil(async () => (await api.get('/analytics/summary')).body.lastSeq >= 40, 'the first orders')
      const file = join(WORK, 'while-writing.sqlite')
      const backup = await runScript('backup', ['--to', file], { PULSE_DATA_DIR: server.dataDir })
      const written = await writing.stop()
      expect(backup.code, backup.stderr).toBe(0)
      expect(backup.stdout).toMatch(/integrity ok/)
      expect(backup.stdout).toMatch(/^orders +\d+$/m)
      expect(statSync(file).mode & 0o777).toBe(0o600)
      // One self-contained file: nothing beside it.
      expect(readdirSync(WORK).filter(name => name.startsWith('while-writing'))).toEqual(['while-writing.sqlite'])

      const copy = readConsistency(file)
      expect(copy.orders).toBeGreaterThan(0)
      expect(copy.orders).toBeLessThanOrEqual(written)
      expect(copy.rollups).toEqual(copy.direct)
      expect(copy.days).toEqual(copy.direct)
      expect(copy.seqs).toEqual({ count: copy.lastSeq, min: 1, max: copy.lastSeq })

      await server.stop()
      const live = join(server.dataDir, 'pulse.sqlite')
      const liveHash = sha256(live)
      const restore = await runScript('restore', [file], { PULSE_DATA_DIR: server.dataDir })
      expect(restore.code, restore.stderr).toBe(0)
      const replaced = readdirSync(server.dataDir).find(name => name.startsWith('pulse.sqlite.replaced-') && !name.endsWith('-wal') && !name.endsWith('-shm'))!
      expect(restore.stdout).toContain(replaced)
      expect(sha256(join(server.dataDir, replaced))).toBe(liveHash)
      expect(sha256(live)).toBe(sha256(file))

      await server.restart()
      const login = await new Client(server.url).post('/auth/login', { email: auth.user.email, password: PASSWORD })
      expect(login.status).toBe(200)
      const restored = new Client(server.url, login.body.token)
      const summary = (await restored.get('/analytics/summary?range=7d')).body
      expect(summary.lastSeq).toBe(copy.lastSeq)
      expect({ orderCount: summary.orderCount, orderTotalCents: summary.orderTotalCents, revenueCents: summary.revenueCents })
        .toEqual({ orderCount: copy.direct.orderCount, orderTotalCents: copy.direct.orderTotalCents, revenueCents: copy.direct.revenueCents })
      // The log goes on from the restored seq.
      const order = await restored.post('/orders', orderBody())
      expect(order.status).toBe(201)
      expect((await restored.get('/analytics/summary')).body.lastSeq).toBe(copy.lastSeq + 1)
    }
    finally {
      await server.dispose()
    }
  }, 90_000)

  it('restore refuses a damaged file, a foreign database, a newer Pulse\'s file and a running Pulse, changing nothing', async () => {
    const server = await startServer()
    try {
      await registerStore(server.url)
      const live = join(server.dataDir, 'pulse.sqlite')
      const good = join(WORK, 'good.sqlite')
      expect((await runScript('backup', ['--to', good], { PULSE_DATA_DIR: server.dataDir })).code).toBe(0)
      // Refused: the file exists already.
      const twice = await runScript('backup', ['--to', good], { PULSE_DATA_DIR: server.dataDir })
      expect(twice.code).toBe(1)
      expect(twice.stderr).toMatch(/already exists/)

      const running = await runScript('restore', [good], { PULSE_DATA_DIR: server.dataDir })
      expect(running.code).toBe(1)
      expect(running.stderr).toMatch(/in use: stop Pulse first/)
      await server.stop()
      const before = sha256(live)

      const garbage = join(WORK, 'garbage.sqlite')
      writeFileSync(garbage, 'this is not a database'.repeat(300))
      const foreign = join(WORK, 'foreign.sqlite')
      new SQLite(foreign).exec('create table notes (text)')
      const newer = join(WORK, 'newer.sqlite')
      writeFileSync(newer, readFileSync(good))
      new SQLite(newer).exec(`insert into kysely_migration (name, timestamp) values ('9999_from_the_future', '2030-01-01')`)
      const withWal = join(WORK, 'with-wal.sqlite')
      writeFileSync(withWal, readFileSync(good))
      writeFileSync(`${withWal}-wal`, 'pages not yet in the file')
      const damaged = join(WORK, 'damaged.sqlite')
      const bytes = readFileSync(good)
      // Zero the pages after the first few: the header is intact, the tables' pages are not.
      bytes.fill(0, 4096 * 3)
      writeFileSync(damaged, bytes)

      for (const [file, message] of [[garbage, /not an SQLite database/], [foreign, /not a Pulse database/], [newer, /newer Pulse/], [damaged, /integrity|malformed|not a Pulse/], [withWal, /-wal exists beside it/], [join(WORK, 'missing.sqlite'), /does not exist/]] as const) {
        const run = await runScript('restore', [file], { PULSE_DATA_DIR: server.dataDir })
        expect(run.code, file).toBe(1)
        expect(run.stderr, file).toMatch(message)
      }
      expect(sha256(live)).toBe(before)
      expect(readdirSync(server.dataDir).filter(name => name.includes('replaced'))).toEqual([])
      const usage = await runScript('restore', [], {})
      expect(usage.code).toBe(2)
    }
    finally {
      await server.dispose()
    }
  }, 60_000)

  it('scheduled backups: written by the server itself, named by time, the oldest removed, counted in /metrics', async () => {
    const dir = join(WORK, 'scheduled')
    const server = await startServer({ env: { PULSE_BACKUP_DIR: dir, PULSE_BACKUP_EVERY: '1s', PULSE_BACKUP_KEEP: '2' } })
    try {
      const { api } = await registerStore(server.url)
      await api.post('/orders', orderBody())
      writeFileSync(join(dir, 'notes.txt'), 'not a backup: left alone')
      // One backup may have begun before the order: the two kept must both be from after it.
      const before = await readMetric(server, 'pulse_backups_total{outcome="success"}')
      await waitUntil(async () => await readMetric(server, 'pulse_backups_total{outcome="success"}') >= before + 3, 'three more scheduled backups', 30_000)
      expect(await readMetric(server, 'pulse_backups_total{outcome="failure"}')).toBe(0)
      expect(await readMetric(server, 'pulse_backup_last_success_seconds')).toBeGreaterThan(0)
      const backups = readdirSync(dir).filter(name => name.endsWith('.sqlite')).sort()
      expect(backups).toHaveLength(2)
      // Nothing else: no WAL files beside them (one may be under way as `.partial`).
      expect(readdirSync(dir).filter(name => !name.includes('.partial')).sort()).toEqual(['notes.txt', ...backups])
      for (const name of backups) {
        expect(name).toMatch(/^pulse-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.sqlite$/)
        const check = checkSqliteFile(join(dir, name), await migrationNames())
        expect(check.tables.find(table => table.table === 'orders')!.rows).toBe(1)
      }
    }
    finally {
      await server.dispose()
    }
  }, 60_000)

  it('a failing scheduled backup is logged and counted, and the server goes on serving', async () => {
    const notADirectory = join(WORK, 'a-file')
    writeFileSync(notADirectory, '')
    const server = await startServer({ env: { PULSE_BACKUP_DIR: notADirectory, PULSE_BACKUP_EVERY: '1s' } })
    try {
      await waitUntil(async () => await readMetric(server, 'pulse_backups_total{outcome="failure"}') >= 2, 'two failed backups', 20_000)
      expect(await readMetric(server, 'pulse_backups_total{outcome="success"}')).toBe(0)
      expect(server.output()).toMatch(/\[pulse\] backup failed/)
      const { api } = await registerStore(server.url)
      expect((await api.post('/orders', orderBody())).status).toBe(201)
      expect(existsSync(join(server.dataDir, 'pulse.sqlite'))).toBe(true)
    }
    finally {
      await server.dispose()
    }
  }, 60_000)
})
