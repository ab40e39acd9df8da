import { execFileSync } from 'node:child_process'
import { expect, it } from 'vitest'
import { nodeSupportWarning } from '~server/utils/lifecycle/node-support'
import { serverNode } from '../../bench/lib/spawn.mjs'
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

  it('says at start when its Node version is not a supported one (PULSE_TEST_NODE runs it on another)', async () => {
    const version = execFileSync(serverNode(), ['--version'], { encoding: 'utf8' }).trim()
    const warning = nodeSupportWarning(version)
    if (warning)
      expect(ctx.server.output()).toContain(`[pulse] warning: ${warning}`)
    else
      expect(ctx.server.output()).not.toContain('[pulse] warning: Node')
  })
})
