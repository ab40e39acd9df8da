import type { TestServer } from '../helpers/server'
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { expect, it } from 'vitest'
import { Api, registerStore } from '../helpers/api'
import { createTestDatabase } from '../helpers/databases'
import { startServer } from '../helpers/server'
import { orderBody } from './support/api'
import { storeAsSeen } from './support/store-view'
import { connectStream, expectSeqs } from './support/stream'

const run = promisify(execFile)
const HAS_TOOLS = !!process.env.TEST_DATABASE_URL && existsSync('/usr/bin/pg_dump') && existsSync('/usr/bin/pg_restore')

// docs/deploy.md "Backing up PostgreSQL", done once: a dump taken while Pulse runs, restored into a new
// database, is the same store (sessions in the kv table, the event log with its seqs).
it.skipIf(!HAS_TOOLS)('pg_dump of a running Pulse and pg_restore into a new database give the same store, sessions and stream', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-pg-dump-'))
  const servers: TestServer[] = []
  const restoredDb = await createTestDatabase()
  try {
    const original = await startServer({ backend: 'postgres', env: { PULSE_TEST_CLOCK: '1' } })
    servers.push(original)
    const { api } = await registerStore(original.url)
    for (let i = 0; i < 5; i++) {
      const order = (await api.post('/orders', orderBody({ customerName: `Dump ${i}` }))).body
      if (i % 2 === 0)
        await api.post(`/orders/${order.id}/payments`, { amountCents: order.totalCents, method: 'cash' })
    }
    const lastSeq = (await api.get('/analytics/summary')).body.lastSeq as number
    const at = new Date(Date.now() + 60_000).toISOString()
    const seen = await storeAsSeen(api, at)

    const dump = join(dir, 'pulse.dump')
    await run('pg_dump', ['--format=custom', '--no-owner', '--file', dump, original.env.DATABASE_URL!])
    await run('pg_restore', ['--no-owner', '--exit-on-error', '--dbname', restoredDb.url, dump])

    const restored = await startServer({ databaseUrl: restoredDb.url, env: { PULSE_TEST_CLOCK: '1' } })
    servers.push(restored)
    const restoredApi = new Api(restored.url, api.token)
    expect(await storeAsSeen(restoredApi, at)).toEqual(seen)
    const { client } = await connectStream(restored, api.token!, { lastEventId: lastSeq - 1 })
    await restoredApi.post('/orders', orderBody())
    await client.waitForEvents(2)
    expectSeqs(client.events(), lastSeq, lastSeq + 1)
    client.close()
  }
  finally {
    for (const server of servers) await server.dispose()
    await restoredDb.drop()
    rmSync(dir, { recursive: true, force: true })
  }
}, 90_000)
