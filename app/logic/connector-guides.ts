import type { Platform } from '~shared/domain'

/** How a merchant connects one platform: where to click, which events, where its secret is, how to test. */
export interface ConnectorGuide {
  /** Steps before Pulse's URL exists (none) and after: the URL is pasted in `steps`. */
  steps: string[]
  events: string[]
  /** Where the platform shows its signing secret (WooCommerce: where to paste Pulse's). */
  secretHint: string
  secretLabel: string
  /** Whether the shop's address is asked (links to its admin). */
  asksShopDomain: boolean
  testHint: string
}

export const CONNECTOR_GUIDES: Record<Platform, ConnectorGuide> = {
  stripe: {
    steps: [
      'In the Stripe Dashboard open Developers → Webhooks (Workbench) and choose Add destination (or Add endpoint).',
      'Choose "Your account" and select the events below.',
      'Choose Webhook endpoint, paste the URL below as the endpoint URL and create the destination.',
      'On the destination page, reveal the Signing secret (it starts with whsec_) and paste it here.',
    ],
    events: ['payment_intent.succeeded', 'checkout.session.completed', 'charge.refunded'],
    secretHint: 'Developers → Webhooks → your destination → Signing secret (whsec_…).',
    secretLabel: 'Signing secret',
    asksShopDomain: false,
    testHint: 'With the Stripe CLI: stripe trigger payment_intent.succeeded (test mode). The sale appears in Orders with a Stripe chip.',
  },
  shopify: {
    steps: [
      'In your Shopify admin open Settings → Notifications → Webhooks and choose Create webhook.',
      'Create one webhook per event below, format JSON, with the URL below and the newest API version.',
      'Under the list of webhooks Shopify says "Your webhooks will be signed with …": paste that key here (for a custom app, its API secret key).',
    ],
    events: ['Order creation (orders/create)', 'Order payment (orders/paid)', 'Order cancellation (orders/cancelled)', 'Refund create (refunds/create)'],
    secretHint: 'Settings → Notifications → Webhooks, below the list: "Your webhooks will be signed with …".',
    secretLabel: 'Webhook signing key',
    asksShopDomain: true,
    testHint: 'Choose Send test next to a webhook: Pulse answers it (a test order is an ordinary order in Pulse). A real sale on POS or online shows a Shopify chip.',
  },
  square: {
    steps: [
      'In the Square Developer Console open your application → Webhooks → Subscriptions and choose Add subscription.',
      'Paste the URL below as the Notification URL, exactly as shown (Square signs it), and select the events below.',
      'Save, open the subscription and copy its Signature key here.',
    ],
    events: ['payment.created', 'payment.updated', 'refund.created', 'refund.updated'],
    secretHint: 'Developer Console → Webhooks → Subscriptions → your subscription → Signature key.',
    secretLabel: 'Signature key',
    asksShopDomain: false,
    testHint: 'Choose Send test event on the subscription (Pulse answers it and ignores it), then take a payment on Square Point of Sale: it appears once COMPLETED.',
  },
  woocommerce: {
    steps: [
      'In WordPress open WooCommerce → Settings → Advanced → Webhooks and choose Add webhook.',
      'Status Active, API version WP REST API Integration v3; paste the URL below as Delivery URL.',
      'Paste the secret Pulse shows below into Secret and save. Add a second webhook for the second topic.',
    ],
    events: ['Order created', 'Order updated (it also carries refunds)'],
    secretHint: 'Pulse made this secret: paste it into the webhook\'s Secret field. It is shown once.',
    secretLabel: 'Secret',
    asksShopDomain: true,
    testHint: 'WooCommerce pings the URL when you save (Pulse answers 200); then place a test order or change an order\'s status.',
  },
}
