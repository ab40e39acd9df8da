import { expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { describeWithServer } from '../helpers/test-server'
import { expectApiError } from './support/api'
import { CURRENCY_CASES } from './support/currencies'
import { parseCsv } from './support/parse-csv'

describeWithServer('money in each currency\'s minor units', (ctx) => {
  for (const sale of CURRENCY_CASES) {
    it(`${sale.currency}: an order is created, paid, part refunded, searched, summed and exported with the same amounts`, async () => {
      const { api } = await registerStore(ctx.server.url, { currency: sale.currency, timeZone: 'UTC' })
      const order = (await api.post('/orders', { items: [{ name: 'Tea', quantity: 2, unitPriceCents: sale.unit }], customerName: 'Ada' })).body
      expect([order.totalCents, order.currency]).toEqual([sale.total, sale.currency])

      // A refusal names the amount in the store's own unit.
      const over = await api.post(`/orders/${order.id}/payments`, { amountCents: sale.total + 1, method: 'card' })
      expectApiError(over, 422, 'amount_exceeds_outstanding')
      expect(over.body.message).toBe(`The payment is more than the ${sale.shown.total} still owed.`)
      expect((await api.post(`/orders/${order.id}/payments`, { amountCents: sale.total, method: 'card' })).status).toBe(201)
      const refund = await api.post(`/orders/${order.id}/refunds`, { amountCents: sale.refund, reason: 'Cold' })
      expect(refund.status, JSON.stringify(refund.body)).toBe(201)
      const tooMuch = await api.post(`/orders/${order.id}/refunds`, { amountCents: sale.total, reason: null })
      expectApiError(tooMuch, 422, 'amount_exceeds_refundable')
      // What is left to refund is what is left collected.
      expect(tooMuch.body.message).toBe(`The refund is more than the ${sale.shown.collected} that can still be refunded.`)

      expect((await api.get(`/orders/${order.id}`)).body).toMatchObject({ totalCents: sale.total, paidCents: sale.total, refundedCents: sale.refund })
      expect((await api.get('/analytics/summary?range=today')).body).toMatchObject({ revenueCents: sale.total - sale.refund, refundedCents: sale.refund })

      // The amount searched for is read in the store's currency, as typed for the total.
      const found = await api.get(`/orders?q=${encodeURIComponent(sale.typed.total)}`)
      expect(found.body.orders.map((o: { id: string }) => o.id)).toEqual([order.id])

      const csv = await api.get('/exports/orders.csv?range=today')
      expect(csv.status).toBe(200)
      const [header, row] = parseCsv(csv.body as string)
      const cell = (name: string) => row[header.indexOf(name)]
      expect([cell('currency'), cell('total'), cell('paid'), cell('refunded')]).toEqual([sale.currency, sale.csv.total, sale.csv.total, sale.csv.refunded])
    })
  }
})
