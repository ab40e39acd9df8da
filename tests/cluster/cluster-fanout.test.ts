import pg from 'pg'
import { beforeAll, describe, expect, it } from 'vitest'
import { Api, registerStore } from '../helpers/api'
import { WAKE_UP_BUSES } from '../helpers/cluster'
import { SseClient } from '../helpers/sse-client'
import { useTestCluster } from '../helpers/test-cluster'

const streamUrl = (base: string) => `${base}/api/v1/events/stream`
const item = (n: number) => ({ items: [{ name: `Item ${n % 5}`, quantity: 1 + (n % 3), unitPriceCents: 100 + n }] })

function expectExactlyOnceInOrder(client: SseClient, from: number, to: number): void {
  const seqs = client.events().map(event => event.data.seq as number)
  expect(seqs).toEqual(Array.from({ length: to - from + 1 }, (_, i) => from + i))
}

async function readWakeUps(baseUrl: string): Promise<{ all: number, unstreamed: number }> {
  const text = await (await fetch(`${baseUrl}/api/v1/metrics`)).text()
  const read = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1] ?? Number.NaN)
  return { all: read('pulse_wakeups_total'), unstreamed: read('pulse_wakeups_unstreamed_total') }
}

// Counters once no wake-up from an earlier test is still on its way: two reads 150 ms apart agree.
async function readSettledWakeUps(baseUrl: string): Promise<{ all: number, unstreamed: number }> {
  let previous = await readWakeUps(baseUrl)
  for (;;) {
    await new Promise(resolve => setTimeout(resolve, 150))
    const current = await readWakeUps(baseUrl)
    if (current.all === previous.all)
      return current
    previous = current
  }
}

// NATS resyncs the stores an instance streams every PULSE_NATS_SWEEP_MS: short here, so that a lost
// wake-up shows up within a test's patience.
const SWEEP_MS = 300

describe.skipIf(!process.env.TEST_DATABASE_URL).each(WAKE_UP_BUSES)('a cluster of three instances on PostgreSQL and Redis, waking through %s', (bus) => {
  const ctx = useTestCluster(3, { redis: true, bus, env: { PULSE_NATS_SWEEP_MS: String(SWEEP_MS) } })
  let token: string
  const api = (index: number) => new Api(ctx.cluster.instances[index].url, token)

  beforeAll(async () => {
    token = (await registerStore(ctx.cluster.instances[0].url)).auth.token
  })

  it('uses a session created on A on B and C', async () => {
    for (const index of [1, 2]) {
      const me = await api(index).get('/auth/me')
      expect(me.status).toBe(200)
    }
  })

  it('delivers every event written through A and C to clients on B, in order and exactly once, under concurrent writes', async () => {
    const before = (await api(1).get('/analytics/summary')).body.lastSeq as number
    const onB = await SseClient.connect(streamUrl(ctx.cluster.instances[1].url), { token })
    const alsoOnB = await SseClient.connect(streamUrl(ctx.cluster.instances[1].url), { token })
    await onB.waitFor(m => m.some(x => x.event === 'connected'))
    await alsoOnB.waitFor(m => m.some(x => x.event === 'connected'))
    // 20 orders through each instance at once, all to the same store.
    const writes = await Promise.all([0, 1, 2].flatMap(index => Array.from({ length: 20 }, (_, n) => api(index).post('/orders', item(n)))))
    expect(writes.every(write => write.status === 201)).toBe(true)
    const last = before + 60
    for (const client of [onB, alsoOnB]) {
      await client.waitForEvents(60, 20_000)
      expectExactlyOnceInOrder(client, before + 1, last)
      client.close()
    }
    const numbers = writes.map(write => write.body.number as number).sort((a, b) => a - b)
    expect(new Set(numbers).size).toBe(60)
  })

  it('keeps idempotency across instances: one key on A and B creates one order', async () => {
    const body = item(7)
    const headers = { 'idempotency-key': `cluster-${Date.now()}` }
    const [first, second] = await Promise.all([api(0).post('/orders', body, headers), api(1).post('/orders', body, headers)])
    expect([first.status, second.status].sort()).toEqual([200, 201])
    expect(first.body.id).toBe(second.body.id)
    const replay = await api(2).post('/orders', body, headers)
    expect(replay.status).toBe(200)
    expect(replay.body.id).toBe(first.body.id)
  })

  it.runIf(bus === 'pg-notify')('loses nothing when the listening connection of B is terminated', async () => {
    const before = (await api(1).get('/analytics/summary')).body.lastSeq as number
    const onB = await SseClient.connect(streamUrl(ctx.cluster.instances[1].url), { token })
    await onB.waitFor(m => m.some(x => x.event === 'connected'))
    const admin = new pg.Client({ connectionString: ctx.cluster.databaseUrl })
    await admin.connect()
    const pid = ctx.cluster.instances[1].pid
    const writing = (async () => {
      for (let n = 0; n < 15; n++) await api(n % 2 === 0 ? 0 : 2).post('/orders', item(n))
    })()
    const terminated = await admin.query(`select pg_terminate_backend(pid) as ok from pg_stat_activity where application_name = $1`, [`pulse-listener-${pid}`])
    await writing
    await admin.end()
    expect(terminated.rowCount).toBe(1)
    await onB.waitForEvents(15, 20_000)
    expectExactlyOnceInOrder(onB, before + 1, before + 15)
    onB.close()
  })

  it('wakes an instance for a store it streams; on NATS only those instances, and no longer once its last stream closed', async () => {
    const onB = await SseClient.connect(streamUrl(ctx.cluster.instances[1].url), { token })
    await onB.waitFor(m => m.some(x => x.event === 'connected'))
    // The subscription reaches the NATS server asynchronously; the first write waits for it.
    await new Promise(resolve => setTimeout(resolve, 200))
    const [bBefore, cBefore] = await Promise.all([1, 2].map(index => readSettledWakeUps(ctx.cluster.instances[index].url)))
    for (let n = 0; n < 5; n++) expect((await api(0).post('/orders', item(n))).status).toBe(201)
    await onB.waitForEvents(5, 20_000)
    // C's notifications arrive on their own connection, not in step with B's stream: wait for them.
    if (bus === 'pg-notify')
      await expect.poll(async () => (await readWakeUps(ctx.cluster.instances[2].url)).all - cBefore.all, { timeout: 10_000 }).toBeGreaterThanOrEqual(5)
    else
      await new Promise(resolve => setTimeout(resolve, 300))
    const [bAfter, cAfter] = await Promise.all([1, 2].map(index => readWakeUps(ctx.cluster.instances[index].url)))
    expect(bAfter.all - bBefore.all).toBeGreaterThanOrEqual(5)
    expect(bAfter.unstreamed - bBefore.unstreamed).toBe(0)
    if (bus === 'nats') {
      expect(cAfter.all - cBefore.all).toBe(0)
    }
    else {
      expect(cAfter.all - cBefore.all).toBe(5)
      expect(cAfter.unstreamed - cBefore.unstreamed).toBe(5)
    }
    onB.close()
    const bClosed = await readSettledWakeUps(ctx.cluster.instances[1].url)
    expect((await api(0).post('/orders', item(9))).status).toBe(201)
    if (bus === 'pg-notify') {
      // Still woken (every instance hears every store on NOTIFY), counted as unstreamed now.
      await expect.poll(async () => (await readWakeUps(ctx.cluster.instances[1].url)).unstreamed - bClosed.unstreamed, { timeout: 10_000 }).toBe(1)
    }
    else {
      // Wait as long as pg-notify's wake-up takes to arrive, and a sweep: nothing may come.
      await new Promise(resolve => setTimeout(resolve, SWEEP_MS * 2))
    }
    const bLater = await readWakeUps(ctx.cluster.instances[1].url)
    expect(bLater.all - bClosed.all).toBe(bus === 'nats' ? 0 : 1)
  })

  it.runIf(bus === 'nats')('delivers a commit whose wake-up never came, from the log, within the sweep', async () => {
    const onB = await SseClient.connect(streamUrl(ctx.cluster.instances[1].url), { token })
    await onB.waitFor(m => m.some(x => x.event === 'connected'))
    expect((await api(0).post('/orders', item(1))).status).toBe(201)
    await onB.waitForEvents(1, 20_000)
    // A commit that announced nothing: the event is appended to the log straight in the database.
    const admin = new pg.Client({ connectionString: ctx.cluster.databaseUrl })
    await admin.connect()
    try {
      const last = (await admin.query('select store_id, seq, type, payload from events order by created_at desc, seq desc limit 1')).rows[0]
      const seq = Number(last.seq) + 1
      const payload = JSON.stringify({ ...JSON.parse(last.payload), seq })
      await admin.query('begin')
      await admin.query('update stores set last_seq = $2 where id = $1', [last.store_id, seq])
      await admin.query('insert into events (store_id, seq, type, payload, created_at) values ($1, $2, $3, $4, $5)', [last.store_id, seq, last.type, payload, new Date().toISOString()])
      await admin.query('commit')
      await onB.waitForEvents(2, SWEEP_MS * 10)
      expect(onB.events().map(event => event.data.seq)).toEqual([seq - 1, seq])
    }
    finally {
      await admin.end()
      onB.close()
    }
  })

  it('lets the clients of a killed instance resume on another one without missing an event', async () => {
    const before = (await api(0).get('/analytics/summary')).body.lastSeq as number
    const onC = await SseClient.connect(streamUrl(ctx.cluster.instances[2].url), { token })
    await onC.waitFor(m => m.some(x => x.event === 'connected'))
    const writing = (async () => {
      const results = []
      for (let n = 0; n < 30; n++) results.push(await api(n % 2).post('/orders', item(n)))
      return results
    })()
    await onC.waitForEvents(5, 20_000)
    await ctx.cluster.instances[2].stop('SIGKILL')
    await onC.waitForEnd(10_000)
    const seen = onC.events().map(event => event.data.seq as number)
    const resumeFrom = seen[seen.length - 1]
    expect((await writing).every(write => write.status === 201)).toBe(true)
    const onA = await SseClient.connect(streamUrl(ctx.cluster.instances[0].url), { token, lastEventId: resumeFrom })
    const missing = before + 30 - resumeFrom
    await onA.waitForEvents(missing, 20_000)
    expect([...seen, ...onA.events().map(event => event.data.seq as number)]).toEqual(Array.from({ length: 30 }, (_, i) => before + 1 + i))
    onA.close()
  })
})

describe.skipIf(!process.env.TEST_DATABASE_URL)('a cluster on PostgreSQL without Redis', () => {
  const ctx = useTestCluster(2)

  it('shares sessions through the database, and logout on one instance revokes them on the other', async () => {
    const { auth } = await registerStore(ctx.cluster.instances[0].url)
    const onB = new Api(ctx.cluster.instances[1].url, auth.token)
    expect((await onB.get('/auth/me')).status).toBe(200)
    expect((await new Api(ctx.cluster.instances[0].url, auth.token).post('/auth/logout')).status).toBe(204)
    expect((await onB.get('/auth/me')).status).toBe(401)
  })
})
