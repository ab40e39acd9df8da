// @vitest-environment happy-dom
import type { Connection, ConnectionStats } from '~shared/types/api'
import { describe, expect, it } from 'vitest'
import ConnectionCard from '../../app/components/connectors/ConnectionCard.vue'
import SourceChip from '../../app/components/orders/SourceChip.vue'
import { mountWithI18n as mount } from '../helpers/i18n'

const stats: ConnectionStats = {
  counts: { applied: 12, duplicate: 3, ignored: 0, other_currency: 2, held: 1, failed: 1 },
  otherCurrency: [{ currency: 'EUR', count: 2, amountCents: 2000 }],
  lastFailures: [{ receivedAt: '2026-12-06T10:00:00.000Z', platform: 'shopify', eventType: 'orders/paid', externalId: null, outcome: 'failed', error: 'total_price is not an amount in USD.' }],
}

function connection(overrides: Partial<Connection> = {}): Connection & { stats: ConnectionStats } {
  return { id: 'c1', platform: 'shopify', name: 'Main shop', webhookUrl: 'https://pulse.example/api/v1/webhooks/shopify/c1', createdAt: '2026-12-01T00:00:00.000Z', lastEventAt: '2026-12-06T10:00:00.000Z', status: 'failing', shopDomain: 'shop.myshopify.com', stats, ...overrides }
}

describe('a connection on Settings → Connections', () => {
  it('shows its state: counts by outcome, other currencies (how many, how much), the last failures with their errors', () => {
    const card = mount(ConnectionCard, { props: { connection: connection(), canManage: true } })
    expect(card.get('[data-testid="connection-status"]').text()).toBe('Last delivery failed')
    expect(card.text()).toContain('12 applied · 3 duplicates · 2 other currency · 1 waiting · 1 failed')
    expect(card.get('[data-testid="other-currency"]').text()).toMatch(/^2 sales in EUR \(€20\.00\) not counted/)
    expect(card.get('[data-testid="connection-failure"]').text()).toContain('orders/paid: total_price is not an amount in USD.')
    expect((card.get('input[aria-label="Shopify webhook URL"]').element as HTMLInputElement).value).toBe('https://pulse.example/api/v1/webhooks/shopify/c1')
  })

  it('asks for the secret in a password field and emits it; a manager sees no form and no Remove', async () => {
    const card = mount(ConnectionCard, { props: { connection: connection({ status: 'needs_secret', lastEventAt: null }), canManage: true } })
    const field = card.get('input[name="signing-secret"]')
    expect(field.attributes('type')).toBe('password')
    await field.setValue('  shpss_1234567890  ')
    await card.get('form.secret').trigger('submit')
    expect(card.emitted('secret')).toEqual([['c1', 'shpss_1234567890']])
    const readOnly = mount(ConnectionCard, { props: { connection: connection(), canManage: false } })
    expect(readOnly.find('input[name="signing-secret"]').exists()).toBe(false)
    expect(readOnly.text()).not.toContain('Remove')
  })

  it('a WooCommerce secret Pulse made is shown once, with the steps open', () => {
    const card = mount(ConnectionCard, { props: { connection: connection({ platform: 'woocommerce', status: 'waiting', lastEventAt: null }), canManage: true, onceSecret: 'a'.repeat(43) } })
    expect((card.get('input[aria-label="Webhook secret"]').element as HTMLInputElement).value).toBe('a'.repeat(43))
    expect(card.get('details').attributes('open')).toBeDefined()
    expect(card.find('input[name="signing-secret"]').exists()).toBe(false)
  })
})

describe('the source chip', () => {
  it('links to the sale in the platform in the detail, and is text in a list row', () => {
    const source = { platform: 'stripe' as const, connectionId: 'c1', externalId: 'pi_1', url: 'https://dashboard.stripe.com/payments/pi_1' }
    const link = mount(SourceChip, { props: { source, link: true } })
    expect(link.get('a').attributes()).toMatchObject({ href: source.url, target: '_blank', rel: 'noopener noreferrer' })
    expect(link.text()).toContain('Stripe')
    const text = mount(SourceChip, { props: { source } })
    expect(text.find('a').exists()).toBe(false)
    expect(text.text()).toBe('Stripe')
  })
})
