import type { Platform } from '~shared/domain'

/**
 * How a merchant connects one platform. Its words are in the message files under
 * `connections.guide.<platform>`: `steps.1`…`steps.<steps>` (where to click; the URL is pasted in one of
 * them), `events`, `secretLabel`, `newSecretLabel`, `secretHint` (WooCommerce: where to paste Pulse's) and
 * `testHint`.
 */
export interface ConnectorGuide {
  /** How many steps the guide's messages list. */
  steps: number
  /** Whether the shop's address is asked (links to its admin). */
  asksShopDomain: boolean
}

export const CONNECTOR_GUIDES: Record<Platform, ConnectorGuide> = {
  stripe: { steps: 4, asksShopDomain: false },
  shopify: { steps: 3, asksShopDomain: true },
  square: { steps: 3, asksShopDomain: false },
  woocommerce: { steps: 3, asksShopDomain: true },
}
