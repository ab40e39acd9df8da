import type { Api } from '../helpers/api'
import fc from 'fast-check'
import * as v from 'valibot'
import { beforeAll, describe, expect, it } from 'vitest'
import { UpdateStoreSchema } from '~shared/schemas/analytics'
import { CreateOrderSchema, CreatePaymentSchema, isSafeText, ListOrdersQuerySchema, LoginSchema, MAX_ORDER_TOTAL_CENTS, RegisterSchema, SummaryQuerySchema, TimeseriesQuerySchema, TopProductsQuerySchema, UpdateOrderSchema } from '~shared/schemas/api'
import { registerStore } from '../helpers/api'
import { BACKENDS } from '../helpers/databases'
import { useServerOn } from './security-support'

// Any UTF-16 code unit, with NUL, lone surrogates and other troublemakers far more often than by chance.
const codeUnit = fc.oneof(
  fc.integer({ min: 0, max: 0xFFFF }).map(n => String.fromCharCode(n)),
  fc.constantFrom('\0', '\uD800', '\uDFFF', '\uFFFD', '\u202E', '\u2028', 'é', '☕', '🍩', '"', '\\', '%00'),
)
const anyString = fc.oneof(fc.string(), fc.string({ unit: codeUnit }), fc.string({ unit: 'binary' }))
const anyJson = fc.oneof(fc.jsonValue(), fc.anything({ withObjectString: true, values: [anyString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null)] }))

const VALID: Record<string, Record<string, unknown>> = {
  register: { email: 'prop@example.test', password: 'correct horse', storeName: 'Prop' },
  login: { email: 'prop@example.test', password: 'correct horse' },
  order: { items: [{ name: 'Tea', sku: 'T-1', quantity: 1, unitPriceCents: 100 }], customerName: 'Ada', note: 'hot' },
  status: { status: 'paid' },
  payment: { amountCents: 100, method: 'card' },
  store: { name: 'Prop', timeZone: 'Europe/Berlin', dayStartsAt: '06:00', dailyGoalCents: 5000 },
  // A public address literal: a valid body needs no DNS.
  push: { subscription: { endpoint: 'https://8.8.8.8/push/prop', keys: { p256dh: `B${'A'.repeat(86)}`, auth: 'A'.repeat(22) } }, alerts: { minOrderCents: 500, quietHours: { from: '22:00', to: '07:00' } } },
  alerts: { alerts: { newOrders: false, pendingReminderMinutes: 10 } },
}

/** A valid body with one field (possibly nested) replaced by anything, or a field added. */
function mutated(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const nested = Object.entries(valid).filter(([, value]) => value && typeof value === 'object' && !Array.isArray(value)).flatMap(([head, value]) => Object.keys(value as object).map(key => `${head}.${key}`))
  const keys = [...Object.keys(valid), ...(valid.items ? ['items.0.name', 'items.0.sku', 'items.0.quantity', 'items.0.unitPriceCents'] : []), ...nested, 'extra']
  return fc.tuple(fc.constantFrom(...keys), fc.oneof({ weight: 3, arbitrary: anyString }, { weight: 1, arbitrary: anyJson })).map(([key, value]) => {
    const body = structuredClone(valid) as any
    const [head, index, field] = key.split('.')
    if (field && Array.isArray(body[head]))
      body[head][Number(index)][field] = value
    else if (index && !field)
      body[head][index] = value
    else if (!field)
      body[head] = value
    return body
  })
}

const bodyOf = (valid: Record<string, unknown>) => fc.oneof(anyJson, mutated(valid))

function strings(value: unknown): string[] {
  if (typeof value === 'string')
    return [value]
  if (value && typeof value === 'object')
    return Object.values(value).flatMap(strings)
  return []
}

describe('request schemas, for any input', () => {
  const schemas = { UpdateStoreSchema, RegisterSchema, LoginSchema, CreateOrderSchema, UpdateOrderSchema, CreatePaymentSchema, ListOrdersQuerySchema, SummaryQuerySchema, TimeseriesQuerySchema, TopProductsQuerySchema }
  for (const [name, schema] of Object.entries(schemas)) {
    it(`${name}: never throws and lets through only safe text`, () => {
      fc.assert(fc.property(fc.oneof(anyJson, ...Object.values(VALID).map(mutated)), (input) => {
        const result = v.safeParse(schema as v.GenericSchema, input)
        if (result.success)
          expect(strings(result.output).every(isSafeText)).toBe(true)
      }), { numRuns: 400 })
    })
  }

  it('the order schema accepts no order above the total bound', () => {
    const item = fc.record({ name: fc.constant('X'), quantity: fc.integer({ min: 1, max: 10_000 }), unitPriceCents: fc.integer({ min: 0, max: 100_000_000 }) })
    fc.assert(fc.property(fc.array(item, { minLength: 1, maxLength: 200 }), (items) => {
      const total = items.reduce((sum, i) => sum + i.quantity * i.unitPriceCents, 0)
      expect(v.safeParse(CreateOrderSchema, { items }).success).toBe(total <= MAX_ORDER_TOTAL_CENTS)
    }), { numRuns: 300 })
  })
})

describe.each(BACKENDS)('every route, for any body or query, on %s', (backend) => {
  const ctx = useServerOn(backend, { PULSE_LOGIN_MAX_FAILURES: '1000000' }, { db: true })
  let api: Api
  let orderId: string
  let subscriptionId: string
  beforeAll(async () => {
    api = (await registerStore(ctx.server.url)).api
    orderId = (await api.post('/orders', VALID.order)).body.id
    subscriptionId = (await api.post('/push/subscriptions', { ...VALID.push, subscription: { ...VALID.push.subscription as object, endpoint: 'https://8.8.4.4/push/fixed' } })).body.id
  })

  async function fingerprint(): Promise<string> {
    const counts = await Promise.all(['stores', 'users', 'orders', 'order_items', 'payments', 'events', 'idempotency_keys', 'push_subscriptions'].map(table => ctx.db.all(`select count(*) as n from ${table}`)))
    const orders = await ctx.db.all('select id, status, paid_cents, refunded_cents, customer_name, note from orders order by id')
    const devices = await ctx.db.all('select id, endpoint, alerts from push_subscriptions order by id')
    return JSON.stringify([counts.map(r => Number((r[0] as { n: number }).n)), orders, devices])
  }

  async function expectNo5xxAndNoChange(method: string, path: string, body: unknown, raw = false): Promise<void> {
    const before = await fingerprint()
    const response = await api.request(method, path, raw ? body as string : body === undefined ? 'null' : body)
    expect(response.status, `${method} ${path} ${JSON.stringify(body)?.slice(0, 300)}`).toBeLessThan(500)
    if (response.status >= 400) {
      expect(response.body).toEqual({ error: expect.any(String), message: expect.any(String) })
      expect(await fingerprint()).toBe(before)
    }
    else {
      // What was accepted comes back as it was stored: never text that another backend would refuse.
      expect(strings(response.body).every(isSafeText)).toBe(true)
    }
  }

  const writes: Array<[string, string, Record<string, unknown>]> = [
    ['POST', '/auth/register', VALID.register],
    ['POST', '/auth/login', VALID.login],
    ['POST', '/orders', VALID.order],
    ['PATCH', '/orders/:id', VALID.status],
    ['POST', '/orders/:id/payments', VALID.payment],
    ['PATCH', '/store', VALID.store],
    ['POST', '/push/subscriptions', VALID.push],
    ['PATCH', '/push/subscriptions/:subscription', VALID.alerts],
  ]
  for (const [method, route, valid] of writes) {
    it(`${method} ${route}: JSON values and raw strings never get a 5xx, and a 4xx changes nothing`, async () => {
      await fc.assert(fc.asyncProperty(fc.oneof(bodyOf(valid).map(body => ({ body, raw: false })), anyString.map(body => ({ body, raw: true }))), async ({ body, raw }) => {
        await expectNo5xxAndNoChange(method, route.replace(':id', orderId).replace(':subscription', subscriptionId), body, raw)
      }), { numRuns: 60 })
    })
  }

  it('the GET routes: any query string never gets a 5xx', async () => {
    const paths = ['/orders', '/analytics/summary', '/analytics/timeseries', '/analytics/top-products', '/analytics/heatmap', '/exports/orders.csv', '/exports/daily.csv', '/store', `/orders/${orderId}`]
    await fc.assert(fc.asyncProperty(fc.constantFrom(...paths), fc.dictionary(fc.constantFrom('limit', 'cursor', 'status', 'range', 'bucket', 'from', 'to', 'compare', 'x'), anyString, { maxKeys: 3 }), async (path, query) => {
      const search = new URLSearchParams(query).toString()
      const response = await api.get(`${path}?${search}`)
      expect(response.status, `${path}?${search}`).toBeLessThan(500)
    }), { numRuns: 80 })
  })
})
