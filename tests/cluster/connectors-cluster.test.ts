import type { Api } from '../helpers/api'
import type { Delivery } from '../server/support/connectors'
import { beforeAll, describe, expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { useTestCluster } from '../helpers/test-cluster'
import { allOrders } from '../server/support/api'
import { connect, deliver, shopifyDelivery, shopifyOrder, squareDelivery, squarePayment, stripeCheckoutSession, stripeEvent, stripePaymentIntent, wooDelivery, wooOrder } from '../server/support/connectors'

// Behind a load balancer every instance answers the one public URL that the platforms sign (Square).
const PUBLIC_URL = 'https://pulse.example'

describe.skipIf(!process.env.TEST_DATABASE_URL)('connectors on two instances of one PostgreSQL database', () => {
  const ctx = useTestCluster(2, { env: { PULSE_PUBLIC_URL: PUBLIC_URL } })
  let owner: Api
  const a = () => ctx.cluster.instances[0]
  const b = () => ctx.cluster.instances[1]
  const on = (instance: { url: string }, webhookUrl: string) => webhookUrl.replace(PUBLIC_URL, instance.url)

  /** Sends one delivery to both instances at the same moment; returns their two outcomes, sorted. */
  async function both(webhookUrl: string, delivery: Delivery): Promise<string[]> {
    const answers = await Promise.all([deliver(on(a(), webhookUrl), delivery), deliver(on(b(), webhookUrl), delivery)])
    expect(answers.map(answer => answer.status)).toEqual([200, 200])
    return answers.map(answer => answer.body.outcome).sort()
  }

  beforeAll(async () => {
    owner = (await registerStore(a().url)).api
  })

  it('the same event of each platform, delivered to both instances at once, is applied once', async () => {
    const stripe = await connect(owner, 'stripe')
    const shopify = await connect(owner, 'shopify')
    const square = await connect(owner, 'square')
    const woo = await connect(owner, 'woocommerce')
    expect(square.webhookUrl.startsWith(`${PUBLIC_URL}/api/v1/webhooks/square/`)).toBe(true)
    const rounds = 4
    for (let i = 0; i < rounds; i++) {
      expect(await both(stripe.webhookUrl, stripeEvent('payment_intent.succeeded', stripePaymentIntent({ amount: 1000 })))).toEqual(['applied', 'duplicate'])
      expect(await both(shopify.webhookUrl, shopifyDelivery('orders/paid', shopifyOrder({ financial_status: 'paid' })))).toEqual(['applied', 'duplicate'])
      expect(await both(square.webhookUrl, squareDelivery(square.webhookUrl, squarePayment('payment.updated.json', { orderId: `o${i}`, paymentId: `p${i}`, amount: 700 })))).toEqual(['applied', 'duplicate'])
      expect(await both(woo.webhookUrl, wooDelivery('order.created', wooOrder(727), woo.signingSecret!))).toEqual(['applied', 'duplicate'])
    }
    const orders = await allOrders(owner)
    expect(orders).toHaveLength(4 * rounds)
    expect(orders.every(order => order.status === 'paid')).toBe(true)
    const summary = (await owner.get('/analytics/summary?range=today')).body
    expect(summary).toMatchObject({ orderCount: 4 * rounds, revenueCents: rounds * (1000 + 40994 + 700 + 2935) })
    // Seqs stay gapless and each order was created once: a sale that arrives paid is one event.
    expect((await owner.get('/analytics/summary')).body.lastSeq).toBe(4 * rounds)
  })

  it('two events about one purchase (checkout session and payment intent) at once on both instances make one order', async () => {
    const { api } = await registerStore(b().url)
    const stripe = await connect(api, 'stripe')
    const intent = stripePaymentIntent({ amount: 4200 })
    const answers = await Promise.all([
      deliver(on(a(), stripe.webhookUrl), stripeEvent('checkout.session.completed', stripeCheckoutSession({ paymentIntent: intent.id as string, amount: 4200 }))),
      deliver(on(b(), stripe.webhookUrl), stripeEvent('payment_intent.succeeded', intent)),
    ])
    expect(answers.map(answer => answer.body.outcome)).toEqual(['applied', 'applied'])
    const orders = await allOrders(api)
    expect(orders).toHaveLength(1)
    expect(orders[0]).toMatchObject({ status: 'paid', paidCents: 4200 })
  })
})
