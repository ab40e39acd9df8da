import { expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { describeWithServer } from '../helpers/test-server'

describeWithServer('smoke', (ctx) => {
  it('answers health and creates an order for a new store', async () => {
    expect(await (await fetch(`${ctx.server.url}/api/health`)).json()).toEqual({ ok: true })
    const { api } = await registerStore(ctx.server.url)
    const created = await api.post('/orders', { items: [{ name: 'Latte', quantity: 2, unitPriceCents: 450 }] })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ number: 1001, status: 'pending', totalCents: 900, paidCents: 0 })
    const summary = await api.get('/analytics/summary')
    expect(summary.body).toMatchObject({ orderCount: 1, averageOrderValueCents: 900, pendingOrderCount: 1, lastSeq: 1 })
  })
})
