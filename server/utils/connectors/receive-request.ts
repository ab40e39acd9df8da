import type { H3Event } from 'h3'
import type { DeliveryOutcome } from '~shared/types/api'
import type { WebhookRequest } from './types'
import { getRouterParam } from 'h3'
import { PLATFORMS } from '~shared/domain'
import { useDb } from '../db/connection'
import { createApiError } from '../http/errors'
import { readBodyBytes } from '../http/read-json-body'
import { readUuidParam } from '../http/read-uuid-param'
import { connectionNotFound, webhookUrl } from './connections'
import { countWebhook } from './metrics'
import { readConnection } from './read-connection'
import { parseWebhook, receiveWebhook, recordFailedDelivery, verifyWebhook } from './receive-webhook'
import { InvalidPayload } from './types'

/** Platforms send whole orders (a Shopify order with hundreds of lines): this route alone takes 5 MB. */
export const MAX_WEBHOOK_BYTES = 5 * 1024 * 1024

// WooCommerce checks a new webhook's URL with an unsigned form post of `webhook_id=N` before it signs anything.
function isWooCommercePing(request: WebhookRequest): boolean {
  return request.connection.platform === 'woocommerce'
    && !request.headers.has('x-wc-webhook-signature')
    && /^webhook_id=\d+$/.test(request.body.toString('latin1').trim())
}

/** POST /api/v1/webhooks/:platform/:connectionId: verify, read, apply once, answer the platform. */
export async function receiveConnectorWebhook(event: H3Event): Promise<{ outcome: DeliveryOutcome }> {
  const platform = getRouterParam(event, 'platform') ?? ''
  if (!(PLATFORMS as readonly string[]).includes(platform))
    throw connectionNotFound()
  const id = readUuidParam(event, 'connectionId', connectionNotFound)
  const db = await useDb()
  // The connection first: a URL that names none does not get to send 5 MB.
  const connection = await readConnection(db, id, platform)
  if (!connection)
    throw connectionNotFound()
  const body = await readBodyBytes(event, MAX_WEBHOOK_BYTES)
  const request: WebhookRequest = {
    connection,
    body,
    text: body.toString('utf8'),
    headers: event.req.headers,
    // Only Square signs the URL: the others never pay for parsing the request's.
    get webhookUrl() {
      return webhookUrl(event.url.origin, platform, id)
    },
    now: new Date(),
  }
  if (isWooCommercePing(request))
    return { outcome: 'ignored' }
  if (!await verifyWebhook(request)) {
    countWebhook(platform, 'invalid_signature')
    throw createApiError('invalid_signature')
  }
  let parsed
  try {
    parsed = parseWebhook(request)
  }
  catch (error) {
    if (!(error instanceof InvalidPayload))
      throw error
    await recordFailedDelivery(db, request, error.message)
    throw createApiError('invalid_payload', `This is not a ${platform} webhook Pulse can read: ${error.message}`)
  }
  return { outcome: await receiveWebhook(db, request, parsed) }
}
