import type { Platform } from '~shared/domain'
import type { HistoryReader } from './types'
import { readShopifyHistory } from './readers/shopify'
import { readSquareHistory } from './readers/square'
import { readStripeHistory } from './readers/stripe'
import { readWooCommerceHistory } from './readers/woocommerce'

export const HISTORY_READERS: Record<Platform, HistoryReader> = {
  stripe: readStripeHistory,
  shopify: readShopifyHistory,
  square: readSquareHistory,
  woocommerce: readWooCommerceHistory,
}
