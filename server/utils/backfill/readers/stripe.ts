import type { HistoryReader } from '../types'
import Stripe from 'stripe'
import { useConfig } from '../../config'
import { chargeFacts } from '../../connectors/platforms/stripe'
import { historyItem } from '../history-item'
import { parseRetryAfter } from '../retry-after'
import { PlatformRefused, RateLimited } from '../types'

const PAGE_SIZE = 100

function clientOf(apiKey: string): Stripe {
  const base = useConfig().apiBases.stripe
  if (!base)
    return new Stripe(apiKey, { maxNetworkRetries: 0 })
  const url = new URL(base)
  const protocol = url.protocol === 'http:' ? 'http' : 'https'
  return new Stripe(apiKey, { host: url.hostname, port: Number(url.port || (protocol === 'http' ? 80 : 443)), protocol, maxNetworkRetries: 0 })
}

/**
 * Stripe's history is its charges (`GET /v1/charges`, newest first), keyed like its webhooks by payment
 * intent. The cursor is the last charge read (`starting_after`), so a resumed import goes on after it.
 */
export const readStripeHistory: HistoryReader = async (source, since, cursor) => {
  let list: Stripe.ApiList<Stripe.Charge>
  try {
    list = await clientOf(source.apiKey).charges.list({ created: { gte: Math.floor(since.getTime() / 1000) }, limit: PAGE_SIZE, ...(cursor ? { starting_after: cursor } : {}) })
  }
  catch (error) {
    if (error instanceof Stripe.errors.StripeRateLimitError)
      throw new RateLimited(parseRetryAfter(error.headers?.['retry-after']))
    if (error instanceof Stripe.errors.StripeAuthenticationError || error instanceof Stripe.errors.StripePermissionError)
      throw new PlatformRefused(`Stripe refused the API key (${error.statusCode}): use a restricted key with read access to charges.`)
    // Stripe's own message may quote the request: the status says enough.
    if (error instanceof Stripe.errors.StripeError)
      throw new Error(error.statusCode ? `Stripe answered ${error.statusCode}` : 'Stripe could not be reached')
    throw error
  }
  // Only money that was taken is a sale (a failed or uncaptured charge is not).
  const items = list.data.map(charge => historyItem(charge.created * 1000, () => [charge.status === 'succeeded' && charge.paid && charge.captured
    ? chargeFacts(charge as unknown as Record<string, any>, charge.livemode)
    : { kind: 'ignored', reason: `The charge is ${charge.status}.` }]))
  return { items, next: list.has_more && list.data.length > 0 ? list.data.at(-1)!.id : null }
}
