import type { TestServer } from '../helpers/server'
import { expect, it } from 'vitest'
import { Api, registerStore } from '../helpers/api'
import { createTestDatabase } from '../helpers/databases'
import { openDbReader } from '../helpers/db-reader'
import { startServer } from '../helpers/server'
import { orderBody } from './support/api'
import { runScript } from './support/scripts'
import { storeAsSeen } from './support/store-view'
import { connectStream, expectSeqs } from './support/stream'
import { createKey } from './support/team'

const HAS_POSTGRES = !!process.env.TEST_DATABASE_URL
it.skipIf(!HAS_POSTGRES)('db:copy moves a store from SQLite to PostgreSQL: same sign-in, same figures, and a stream that resumes with the next seq', async () => {
  const servers: TestServer[] = []
  const target = await createTestDatabase()
  try {
    const embedded = await startServer({ env: { PULSE_TEST_CLOCK: '1' } })
    servers.push(embedded)
    const { api, auth } = await registerStore(embedded.url, { timeZone: 'Europe/Berlin', currency: 'EUR' })
    await api.request('PATCH', '/store', { dailyGoalCents: 50_000 })
    const key = await createKey(embedded, api, ['orders:write', 'orders:read'])
    const live = await connectStream(embedded, api.token!)
    for (let i = 0; i < 8; i++) {
      const order = (await (i % 2 ? key.api : api).post('/orders', orderBody({ customerName: `Guest ${i}`, ...(i === 3 ? { note: 'Ünïcödé "quoted" ☕' } : {}) }))).body
      if (i % 4 !== 3)
        expect((await api.post(`/orders/${order.id}/payments`, { amountCents: order.totalCents, method: i % 3 ? 'card' : 'cash' })).status).toBe(201)
      if (i === 5)
        expect((await api.patch(`/orders/${order.id}`, { status: 'refunded' })).status).toBe(200)
      if (i === 7)
        expect((await api.patch(`/orders/${order.id}`, { status: 'cancelled' })).status).toBe(200)
    }
    const lastSeq = (await api.get('/analytics/summary')).body.lastSeq as number
    await live.client.waitForEvents(lastSeq)
    live.client.close()
    const before = live.client.events()
    expectSeqs(before, 1, lastSeq)
    const at = new Date(Date.now() + 60_000).toISOString()
    const seen = await storeAsSeen(api, at)

    // Refused while Pulse runs on the file: writes after the copy would be lost.
    const whileRunning = await runScript('db-copy', ['--to', target.url], { PULSE_DATA_DIR: embedded.dataDir })
    expect(whileRunning.code).toBe(1)
    expect(whileRunning.stderr).toMatch(/in use: stop Pulse/)

    await embedded.stop()
    const copy = await runScript('db-copy', ['--to', target.url], { PULSE_DATA_DIR: embedded.dataDir })
    expect(copy.code, copy.stderr + copy.stdout).toBe(0)
    for (const table of ['stores', 'users', 'memberships', 'api_keys', 'orders', 'order_items', 'payments', 'events', 'rollups_hourly', 'rollups_daily', 'rollups_product_hourly', 'push_vapid'])
      expect(copy.stdout).toMatch(new RegExp(`^${table} +\\d+ +\\d+ +yes`, 'm'))
    expect(copy.stdout).not.toMatch(/ NO /)
    expect(copy.stdout).toMatch(/sessions and other key-value entries: [1-9]\d* copied/)

    // A second copy into the same database is refused and changes nothing.
    const again = await runScript('db-copy', ['--to', target.url], { PULSE_DATA_DIR: embedded.dataDir })
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(/already holds a Pulse store/)

    const moved = await startServer({ databaseUrl: target.url, env: { PULSE_TEST_CLOCK: '1' } })
    servers.push(moved)
    const reader = await openDbReader(moved)
    expect(await reader.all('select count(*)::int as n from stores')).toEqual([{ n: 1 }])
    await reader.close()

    // The same session token signs the device in, and it sees the same store, figure by figure.
    const movedApi = new Api(moved.url, api.token)
    expect(await storeAsSeen(movedApi, at)).toEqual(seen)
    // The password hash came along too.
    const login = await new Api(moved.url).post('/auth/login', { email: auth.user.email, password: 'correct horse' })
    expect(login.status).toBe(200)
    // The API key still writes.
    expect((await new Api(moved.url, key.key).get('/orders?limit=1')).status).toBe(200)

    // An open dashboard reconnects with its Last-Event-ID: the rest of the log, then the next seq live; no reset.
    const resumed = await connectStream(moved, api.token!, { lastEventId: lastSeq - 3 })
    expect(resumed.connected.lastSeq).toBe(lastSeq)
    await resumed.client.waitForEvents(3)
    expect(resumed.client.events()).toEqual(before.slice(-3))
    expect((await movedApi.post('/orders', orderBody())).status).toBe(201)
    await resumed.client.waitForEvents(4)
    expectSeqs(resumed.client.events(), lastSeq - 2, lastSeq + 1)
    expect(resumed.client.messages.some(message => message.event === 'reset')).toBe(false)
    resumed.client.close()
  }
  finally {
    for (const server of servers) await server.dispose()
    await target.drop()
  }
}, 120_000)

it('db:copy refuses a target that is not PostgreSQL, and says how to call it', async () => {
  const wrong = await runScript('db-copy', ['--to', 'mysql://localhost/pulse'], { PULSE_DATA_DIR: '/nonexistent' })
  expect(wrong.code).toBe(1)
  expect(wrong.stderr).toMatch(/--to must be a postgres:\/\/ URL/)
  const missing = await runScript('db-copy', [], {})
  expect(missing.code).toBe(2)
  expect(missing.stdout).toMatch(/npm run db:copy -- --to postgres/)
}, 30_000)
