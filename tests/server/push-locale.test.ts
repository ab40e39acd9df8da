import type { Api } from '../helpers/api'
import { expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { useSuiteResource } from '../helpers/suite-resource'
import { describeWithServer } from '../helpers/test-server'
import { expectApiError, orderBody } from './support/api'
import { clockIn, expectKey, noonZone, pushEnv, TestClock, waitForPushes } from './support/push'
import { PushService } from './support/push-service'

const clock = new TestClock()

describeWithServer('pushes in the device\'s language', (ctx) => {
  const service = useSuiteResource('the push service', () => PushService.start(), async (started) => {
    await started.close()
    expect(started.errors).toEqual([])
  })

  async function store(currency: string, storeName: string): Promise<{ api: Api, zone: string }> {
    const zone = noonZone(clock.now())
    const { api } = await registerStore(ctx.server.url, { timeZone: zone, storeName, currency })
    await expectKey(api, service())
    return { api, zone }
  }

  async function subscribe(api: Api, locale: unknown, alerts: Record<string, unknown> = {}) {
    const device = service().device()
    const response = await api.post('/push/subscriptions', { subscription: { endpoint: device.endpoint, keys: device.keys }, alerts, locale })
    return { device, response }
  }

  it('writes a Spanish device\'s order and payment pushes in Spanish, money as Spain writes it, decrypted at the push endpoint', async () => {
    const { api } = await store('EUR', 'Bar Pepe')
    const { device, response } = await subscribe(api, 'es-es')
    expect(response.status).toBe(201)
    expect(response.body.locale).toBe('es-ES')
    const order = (await api.post('/orders', orderBody({ customerName: 'Lola' }))).body
    await api.post(`/orders/${order.id}/payments`, { amountCents: 1200, method: 'cash' })
    const pushes = await waitForPushes(service(), device, 2, 'two pushes')
    expect(pushes.map(push => [push.payload.title, push.payload.body])).toEqual([
      [`Pedido nuevo n.º ${order.number} — 12,00\u00A0€`, 'Lola · Bar Pepe'],
      [`Cobro recibido — 12,00\u00A0€ (efectivo)`, `Pedido n.º ${order.number} · Lola · Bar Pepe`],
    ])
  })

  it('writes yen in whole yen, and follows a change of language made with PATCH (the test push too)', async () => {
    const { api } = await store('JPY', 'Kissa')
    const { device, response } = await subscribe(api, 'de-DE')
    const id = response.body.id as string
    // 2 × ¥450 + ¥300: the yen has no minor unit. Amounts are written as each language does (no-break spaces).
    const first = (await api.post('/orders', orderBody())).body
    expect(first.totalCents).toBe(1200)
    await waitForPushes(service(), device, 1, 'the German push')
    const patched = await api.patch(`/push/subscriptions/${id}`, { locale: 'fr-FR' })
    expect([patched.status, patched.body.locale]).toEqual([200, 'fr-FR'])
    const second = (await api.post('/orders', orderBody())).body
    expect((await api.post(`/push/subscriptions/${id}/test`)).status).toBe(202)
    const pushes = await waitForPushes(service(), device, 3, 'the French pushes')
    expect(pushes.map(push => push.payload.title)).toEqual([
      `Neue Bestellung Nr. ${first.number} — 1.200\u00A0¥`,
      `Nouvelle commande n° ${second.number} — 1\u202F200\u00A0JPY`,
      'Les notifications Pulse fonctionnent',
    ])
  })

  it('sends an Arabic daily summary with Arabic plural forms, in the store\'s currency of three decimals', async () => {
    const { api, zone } = await store('KWD', 'Souk')
    const at = clock.now() + 10 * 60_000
    const { device } = await subscribe(api, 'ar', { newOrders: false, payments: false, dailySummaryAt: clockIn(zone, at) })
    for (let i = 0; i < 2; i++) {
      const order = (await api.post('/orders', orderBody({ items: [{ name: 'Qahwa', quantity: 1, unitPriceCents: 1250 }] }))).body
      await api.post(`/orders/${order.id}/payments`, { amountCents: 1250, method: 'card' })
    }
    clock.advance(11 * 60_000)
    const [summary] = await waitForPushes(service(), device, 1, 'the daily summary')
    const money = new Intl.NumberFormat('ar', { style: 'currency', currency: 'KWD' }).format(2.5)
    expect(money).toContain('2.500')
    // Two orders take the dual form (طلبان), not "2 طلب".
    expect(summary.payload.title).toBe(`اليوم في Souk: ${money}، طلبان`)
    expect(summary.payload.body).toContain('لم يُحصَّل شيء يوم')
  })

  it('refuses a locale that is no BCP 47 tag with 400, and changes nothing', async () => {
    const { api } = await store('USD', 'Corner')
    for (const locale of ['not a locale', 'en_US', 42, '']) {
      const { response } = await subscribe(api, locale)
      expectApiError(response, 400, 'validation_failed')
    }
    expect((await api.get('/push/subscriptions')).body.subscriptions).toEqual([])
    const { response } = await subscribe(api, undefined)
    expect([response.status, response.body.locale]).toEqual([201, null])
    expectApiError(await api.patch(`/push/subscriptions/${response.body.id}`, { locale: 'x-' }), 400, 'validation_failed')
    expect((await api.get('/push/subscriptions')).body.subscriptions.map((s: { locale: string | null }) => s.locale)).toEqual([null])
  })
}, { env: pushEnv(clock), db: true })
