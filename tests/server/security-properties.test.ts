import type { Api, ApiResponse } from '../helpers/api'
import { createECDH, randomBytes } from 'node:crypto'
import fc from 'fast-check'
import * as v from 'valibot'
import { beforeAll, describe, expect, it } from 'vitest'
import { ReportSummaryQuerySchema, ReportTimeseriesQuerySchema, ReportTopProductsQuerySchema, UpdateStoreSchema } from '~shared/schemas/analytics'
import { CreateOrderSchema, CreatePaymentSchema, isSafeText, ListOrdersQuerySchema, LoginSchema, MAX_ORDER_TOTAL_CENTS, RegisterSchema, UpdateOrderSchema } from '~shared/schemas/api'
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

// A device of a push service on loopback (PULSE_PUSH_ALLOW_INSECURE_ENDPOINTS): a P-256 key and a 16-byte secret.
function pushSubscription() {
  const ecdh = createECDH('prime256v1')
  ecdh.generateKeys()
  return { endpoint: `http://127.0.0.1:9/push/${randomBytes(8).toString('hex')}`, keys: { p256dh: ecdh.getPublicKey('base64url'), auth: randomBytes(16).toString('base64url') } }
}

const VALID: Record<string, Record<string, unknown>> = {
  subscribe: { subscription: pushSubscription(), alerts: { newOrders: true, minOrderCents: 100, quietHours: { from: '22:00', to: '07:00' } } },
  alerts: { alerts: { payments: false, pendingReminderMinutes: 15, dailySummaryAt: '18:00' } },
  invitation: { role: 'staff', email: 'invitee@example.test' },
  accept: { token: 'x'.repeat(43), email: 'joiner@example.test', password: 'correct horse' },
  pairingCode: { name: 'Till' },
  pair: { code: 'ABCDEFGH', deviceName: 'Till' },
  apiKey: { name: 'Till', scopes: ['orders:read'] },
  register: { email: 'prop@example.test', password: 'correct horse', storeName: 'Prop' },
  login: { email: 'prop@example.test', password: 'correct horse' },
  order: { items: [{ name: 'Tea', sku: 'T-1', quantity: 1, unitPriceCents: 100 }], customerName: 'Ada', note: 'hot' },
  status: { status: 'paid' },
  payment: { amountCents: 100, method: 'card' },
  store: { name: 'Prop', timeZone: 'Europe/Berlin', dayStartsAt: '06:00', dailyGoalCents: 5000 },
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
  const schemas = { UpdateStoreSchema, RegisterSchema, LoginSchema, CreateOrderSchema, UpdateOrderSchema, CreatePaymentSchema, ListOrdersQuerySchema, ReportSummaryQuerySchema, ReportTimeseriesQuerySchema, ReportTopProductsQuerySchema }
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
  const ctx = useServerOn(backend, { PULSE_LOGIN_MAX_FAILURES: '1000000', PULSE_PAIR_MAX_FAILURES: '1000000', PULSE_PUSH_ALLOW_INSECURE_ENDPOINTS: '1', PULSE_PUSH_WORKER: '0' }, { db: true })
  let api: Api
  let orderId: string
  let subscriptionId: string
  beforeAll(async () => {
    api = (await registerStore(ctx.server.url)).api
    orderId = (await api.post('/orders', VALID.order)).body.id
    subscriptionId = (await api.post('/push/subscriptions', { subscription: pushSubscription() })).body.id
  })

  // The push outbox is left out: what the tests queue is theirs (the worker is off, so nothing is sent).
  const TABLES = ['stores', 'users', 'memberships', 'orders', 'order_items', 'payments', 'events', 'idempotency_keys', 'push_subscriptions', 'invitations', 'pairing_codes', 'devices', 'api_keys']

  async function fingerprint(): Promise<string> {
    const counts = await Promise.all(TABLES.map(table => ctx.db.all(`select count(*) as n from ${table}`)))
    const orders = await ctx.db.all('select id, status, paid_cents, refunded_cents, customer_name, note from orders order by id')
    const devices = await ctx.db.all('select id, alerts, endpoint, p256dh, auth, user_id, store_id from push_subscriptions order by id')
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
    ['POST', '/push/subscriptions', VALID.subscribe],
    ['PATCH', '/push/subscriptions/:sub', VALID.alerts],
    ['POST', '/push/subscriptions/:sub/test', {}],
    ['POST', '/team/invitations', VALID.invitation],
    ['POST', '/auth/accept-invitation', VALID.accept],
    ['POST', '/devices/pairing-codes', VALID.pairingCode],
    ['POST', '/auth/pair', VALID.pair],
    ['POST', '/api-keys', VALID.apiKey],
  ]
  for (const [method, route, valid] of writes) {
    it(`${method} ${route}: JSON values and raw strings never get a 5xx, and a 4xx changes nothing`, async () => {
      await fc.assert(fc.asyncProperty(fc.oneof(bodyOf(valid).map(body => ({ body, raw: false })), anyString.map(body => ({ body, raw: true }))), async ({ body, raw }) => {
        await expectNo5xxAndNoChange(method, route.replace(':id', orderId).replace(':sub', subscriptionId), body, raw)
      }), { numRuns: 60 })
    })
  }

  // However many arrive at once, a store or a person never holds more than the cap, and every request past
  // it is refused with the limit in the message, changing nothing.
  const caps: Array<[string, number, (owner: Api, i: number) => Promise<ApiResponse>]> = [
    ['open invitations a store', 50, owner => owner.post('/team/invitations', VALID.invitation)],
    ['unused pairing codes a store', 20, owner => owner.post('/devices/pairing-codes', VALID.pairingCode)],
    ['API keys a store', 100, (owner, i) => owner.post('/api-keys', { name: `Key ${i}`, scopes: ['orders:read'] })],
    ['push devices a person', 10, owner => owner.post('/push/subscriptions', { subscription: pushSubscription() })],
  ]
  for (const [what, cap, create] of caps) {
    it(`${what}: any number of concurrent creates ends at ${cap} at most, the rest 409 limit_reached`, async () => {
      await fc.assert(fc.asyncProperty(fc.integer({ min: cap - 2, max: cap + 6 }), fc.integer({ min: 1, max: 4 }), async (count, batches) => {
        const { api: owner } = await registerStore(ctx.server.url)
        const answers: ApiResponse[] = []
        // In a few bursts: the cap must hold between concurrent creates as well as sequential ones.
        for (let batch = 0; batch < batches; batch++) {
          const size = batch === batches - 1 ? count - answers.length : Math.floor(count / batches)
          answers.push(...await Promise.all(Array.from({ length: size }, (_, i) => create(owner, answers.length + i))))
        }
        const created = answers.filter(a => a.status === 201).length
        expect(created).toBe(Math.min(count, cap))
        for (const refused of answers.filter(a => a.status !== 201)) {
          expect(refused.status).toBe(409)
          expect(refused.body).toEqual({ error: 'limit_reached', message: expect.stringContaining(String(cap)) })
        }
      }), { numRuns: 3 })
    }, 120_000)
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
