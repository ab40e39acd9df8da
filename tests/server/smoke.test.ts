import type { TestServer } from '../helpers/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { BACKENDS } from '../helpers/databases'
import { startServer } from '../helpers/server'

describe.each(BACKENDS)('smoke on %s', (backend) => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer({ backend })
  })
  afterAll(async () => {
    await server?.dispose()
  })

  it('answers health and creates an order for a new store', async () => {
    expect(await (await fetch(`${server.url}/api/health`)).json()).toEqual({ ok: true })
    const { api } = await registerStore(server.url)
    const created = await api.post('/orders', { items: [{ name: 'Latte', quantity: 2, unitPriceCents: 450 }] })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ number: 1001, status: 'pending', totalCents: 900, paidCents: 0 })
    const summary = await api.get('/analytics/summary')
    expect(summary.body).toMatchObject({ orderCount: 1, averageOrderValueCents: 900, pendingOrderCount: 1, lastSeq: 1 })
  })
})
