import type { Platform } from '~shared/domain'
import type { Connector } from './types'
import { shopifyConnector } from './platforms/shopify'
import { squareConnector } from './platforms/square'
import { stripeConnector } from './platforms/stripe'
import { woocommerceConnector } from './platforms/woocommerce'

export const CONNECTORS: Record<Platform, Connector> = {
  stripe: stripeConnector,
  shopify: shopifyConnector,
  square: squareConnector,
  woocommerce: woocommerceConnector,
}
