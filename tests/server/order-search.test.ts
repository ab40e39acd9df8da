import type { Api } from '../helpers/api'
import { beforeAll, expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { describeWithServer } from '../helpers/test-server'
import { allOrders } from './support/api'

const CUSTOMERS = ['Ada', 'Grace', 'Linus', null]

describeWithServer('order search and filters on the server', (ctx) => {
  let api: Api
  let orders: any[]
  let oldest: any

  beforeAll(async () => {
    ;({ api } = await registerStore(ctx.server.url))
    // The oldest order is the only one with its customer and item: past the first page of 50.
    oldest = (await api.post('/orders', { items: [{ name: 'Rhubarb_tart 100%', quantity: 1, unitPriceCents: 1234 }], customerName: 'Zoë Ötzi' })).body
    for (let i = 0; i < 60; i++) {
      const created = await api.post('/orders', { items: [{ name: i % 2 ? 'Latte' : 'Bagel', quantity: 1 + (i % 3), unitPriceCents: 450 }], customerName: CUSTOMERS[i % 4] })
      expect(created.status).toBe(201)
      if (i % 5 === 0)
        await api.patch(`/orders/${created.body.id}`, { status: 'paid' })
      else if (i % 7 === 0)
        await api.post(`/orders/${created.body.id}/payments`, { amountCents: 100, method: 'cash' })
    }
    orders = await allOrders(api)
  })

  async function search(query: string): Promise<{ numbers: number[], total: number, nextCursor: string | null }> {
    const response = await api.get(`/orders?limit=100&${query}`)
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    return { numbers: response.body.orders.map((o: any) => o.number), total: response.body.total, nextCursor: response.body.nextCursor }
  }
  const numbersWhere = (keep: (order: any) => boolean) => orders.filter(keep).map(order => order.number)

  it('finds an order far past the first page by customer, item, amount and number, with the count of matches', async () => {
    const firstPage = await api.get('/orders?limit=50')
    expect(firstPage.body.orders.map((o: any) => o.id)).not.toContain(oldest.id)
    expect(firstPage.body.total).toBe(61)
    for (const q of ['zoë', 'ÖTZI', 'rhubarb', 'tart 100%', '12.34', '$12.34', '12,34', `#${oldest.number}`])
      expect(await search(`q=${encodeURIComponent(q)}`), q).toEqual({ numbers: [oldest.number], total: 1, nextCursor: null })
  })

  it('matches text as text: % and _ are not wildcards', async () => {
    expect((await search(`q=${encodeURIComponent('%')}`)).numbers).toEqual([oldest.number])
    expect((await search(`q=${encodeURIComponent('b_')}`)).numbers).toEqual([oldest.number])
    expect((await search('q=nobody')).total).toBe(0)
  })

  it('filters by status (part_paid too) and by customer or item, newest first, over every page', async () => {
    expect(await search('status=paid')).toMatchObject({ numbers: numbersWhere(o => o.status === 'paid') })
    const pending = await search('status=pending')
    expect(pending.numbers).toEqual(numbersWhere(o => o.status === 'pending'))
    expect(pending.total).toBe(pending.numbers.length)
    expect((await search('status=part_paid')).numbers).toEqual(numbersWhere(o => o.status === 'pending' && o.paidCents > 0))
    expect((await search('q=grace')).numbers).toEqual(numbersWhere(o => o.customerName === 'Grace'))
    expect((await search('q=LATTE&status=paid')).numbers).toEqual(numbersWhere(o => o.status === 'paid' && o.items[0].name === 'Latte'))
    expect((await search('q=9.00')).numbers).toEqual(numbersWhere(o => o.totalCents === 900))
  })

  it('pages through matches with the cursor, the total the same on every page', async () => {
    const expected = numbersWhere(o => o.customerName === 'Ada')
    const seen: number[] = []
    let cursor = ''
    for (;;) {
      const page = await api.get(`/orders?q=ada&limit=4${cursor}`)
      expect(page.body.total).toBe(expected.length)
      seen.push(...page.body.orders.map((o: any) => o.number))
      if (!page.body.nextCursor)
        break
      cursor = `&cursor=${page.body.nextCursor}`
    }
    expect(seen).toEqual(expected)
  })

  it('limits to a time span with from and to', async () => {
    const middle = orders[30]
    const from = await search(`from=${encodeURIComponent(middle.createdAt)}`)
    expect(from.numbers).toEqual(numbersWhere(o => o.createdAt >= middle.createdAt))
    const to = await search(`to=${encodeURIComponent(middle.createdAt)}&q=latte`)
    expect(to.numbers).toEqual(numbersWhere(o => o.createdAt < middle.createdAt && o.items[0].name === 'Latte'))
  })

  it('refuses bad filters with a 400 naming the parameter', async () => {
    const bad = ['status=bogus', 'from=yesterday', 'to=2026-13-45T00:00:00Z', `from=${encodeURIComponent('2026-12-02T00:00:00Z')}&to=${encodeURIComponent('2026-12-01T00:00:00Z')}`, `q=${'x'.repeat(101)}`, 'q=%00', 'cursor=abc', 'limit=0']
    for (const query of bad) {
      const response = await api.get(`/orders?${query}`)
      expect(response.status, query).toBe(400)
      expect(['validation_failed', 'invalid_text']).toContain(response.body.error)
    }
  })

  it('never finds another store\'s orders', async () => {
    const { api: other } = await registerStore(ctx.server.url)
    const response = await other.get('/orders?q=zo%C3%AB')
    expect(response.body).toEqual({ orders: [], nextCursor: null, total: 0 })
  })
})
