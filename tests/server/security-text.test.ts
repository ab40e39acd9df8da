import type { Api } from '../helpers/api'
import { beforeAll, describe, expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { BACKENDS } from '../helpers/databases'
import { PASSWORD, uniqueEmail, useServerOn } from './security-support'
import { expectApiError, orderBody } from './support/api'

const BAD_TEXTS = { 'NUL': 'a\u0000b', 'a lone high surrogate': 'a\uD800b', 'a lone low surrogate': '\uDC00z', 'a reversed pair': '\uDC00\uD800' }

describe.each(BACKENDS)('text that no backend can hold on %s', (backend) => {
  const ctx = useServerOn(backend, {}, { db: true })
  let api: Api
  beforeAll(async () => {
    api = (await registerStore(ctx.server.url)).api
  })

  async function counts(): Promise<string> {
    const rows = await Promise.all(['stores', 'users', 'orders', 'order_items', 'events', 'push_subscriptions'].map(table => ctx.db.all(`select count(*) as n from ${table}`)))
    return JSON.stringify(rows.map(r => Number((r[0] as { n: number }).n)))
  }

  const cases: Array<[string, string, (bad: string) => unknown]> = [
    ['POST /auth/register', 'storeName', bad => ({ email: uniqueEmail('t'), password: PASSWORD, storeName: bad })],
    ['POST /auth/register', 'password', bad => ({ email: uniqueEmail('t'), password: `correct ${bad} horse`, storeName: 'Shop' })],
    ['POST /auth/register', 'email', bad => ({ email: `x${bad}@example.test`, password: PASSWORD, storeName: 'Shop' })],
    ['POST /auth/register', 'timeZone', bad => ({ email: uniqueEmail('t'), password: PASSWORD, storeName: 'Shop', timeZone: `UTC${bad}` })],
    ['POST /auth/login', 'password', bad => ({ email: uniqueEmail('t'), password: bad })],
    ['POST /orders', 'customerName', bad => orderBody({ customerName: bad })],
    ['POST /orders', 'note', bad => orderBody({ note: bad })],
    ['POST /orders', 'items.0.name', bad => orderBody({ items: [{ name: bad, quantity: 1, unitPriceCents: 100 }] })],
    ['PATCH /store', 'name', bad => ({ name: bad })],
    ['PATCH /store', 'timeZone', bad => ({ timeZone: `Europe/Berlin${bad}` })],
    // A public address literal: the endpoint passes every other check (no DNS needed).
    ['POST /push/subscriptions', 'subscription.endpoint', bad => ({ subscription: { endpoint: `https://8.8.8.8/push/${bad}`, keys: { p256dh: `B${'A'.repeat(86)}`, auth: 'A'.repeat(22) } } })],
    ['POST /orders', 'items.0.sku', bad => orderBody({ items: [{ name: 'Tea', sku: bad, quantity: 1, unitPriceCents: 100 }] })],
  ]

  it('answers NUL and unpaired surrogates in every text field with 400 invalid_text, storing nothing', async () => {
    const before = await counts()
    for (const [route, field, body] of cases) {
      for (const [what, bad] of Object.entries(BAD_TEXTS)) {
        const [method, path] = route.split(' ')
        const response = await api.request(method, path, body(bad))
        expect({ route, field, what, status: response.status, error: response.body.error }).toEqual({ route, field, what, status: 400, error: 'invalid_text' })
        expectApiError(response, 400, 'invalid_text')
        expect(response.body.message).toContain(field)
      }
    }
    expect(await counts()).toBe(before)
  })

  it('answers a body that is not UTF-8 with 400 invalid_text instead of storing U+FFFD', async () => {
    const before = await counts()
    const json = Buffer.from(JSON.stringify(orderBody({ customerName: 'Ren#' })))
    const raw = Buffer.from(json.toString('latin1').replace('#', '\xE9'), 'latin1')
    const response = await fetch(`${ctx.server.url}/api/v1/orders`, { method: 'POST', headers: { 'content-type': 'application/json', 'authorization': `Bearer ${api.token}` }, body: raw })
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({ error: 'invalid_text', message: expect.any(String) })
    const truncated = Buffer.concat([Buffer.from('{"customerName":"'), Buffer.from('☕').subarray(0, 2), Buffer.from('"}')])
    expect((await fetch(`${ctx.server.url}/api/v1/orders`, { method: 'POST', headers: { 'content-type': 'application/json', 'authorization': `Bearer ${api.token}` }, body: truncated })).status).toBe(400)
    expect(await counts()).toBe(before)
  })

  it('keeps well-formed text of every plane exactly, surrogate pairs included', async () => {
    const text = 'Café ☕ 🍩 𝄞 ‮ 中文'
    const response = await api.post('/orders', orderBody({ customerName: text, note: text, items: [{ name: text, sku: '🍩', quantity: 1, unitPriceCents: 100 }] }))
    expect(response.status).toBe(201)
    expect(response.body).toMatchObject({ customerName: text, note: text, items: [{ name: text, sku: '🍩' }] })
    expect((await api.get(`/orders/${response.body.id}`)).body.customerName).toBe(text)
  })

  it('bounds an order\'s total at 10^10 cents so that store sums stay exact', async () => {
    const atLimit = await api.post('/orders', { items: [{ name: 'Yacht', quantity: 100, unitPriceCents: 100_000_000 }] })
    expect(atLimit.status).toBe(201)
    expect(atLimit.body.totalCents).toBe(10_000_000_000)
    const before = await counts()
    const over = await api.post('/orders', { items: [{ name: 'Yacht', quantity: 100, unitPriceCents: 100_000_000 }, { name: 'Mint', quantity: 1, unitPriceCents: 1 }] })
    expectApiError(over, 400, 'validation_failed')
    expect(over.body.message).toMatch(/^body\.items: .*10000000000 cents/)
    // 200 lines at the largest quantity and price (2 × 10^14 cents) could once make an order.
    const absurd = await api.post('/orders', { items: Array.from({ length: 200 }, () => ({ name: 'Gold', quantity: 10_000, unitPriceCents: 100_000_000 })) })
    expectApiError(absurd, 400, 'validation_failed')
    expect(await counts()).toBe(before)
    expectApiError(await api.post(`/orders/${atLimit.body.id}/payments`, { amountCents: 10_000_000_001, method: 'card' }), 400, 'validation_failed')
  })
})
