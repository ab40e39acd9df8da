import type { H3Event } from 'h3'
import { createApiError } from './errors'
import { readUuidParam } from './read-uuid-param'

/** The `:id` of an order route; anything that is not a UUID cannot name an order, so it is a 404. */
export function readOrderId(event: H3Event): string {
  return readUuidParam(event, 'id', () => createApiError(404, 'order_not_found', 'No such order.'))
}

const IDEMPOTENCY_KEY = /^[\x21-\x7E]{1,255}$/

export function readIdempotencyKey(event: H3Event): string | undefined {
  const key = event.req.headers.get('idempotency-key')
  if (key === null)
    return undefined
  if (!IDEMPOTENCY_KEY.test(key))
    throw createApiError(400, 'invalid_idempotency_key', 'Idempotency-Key must be 1 to 255 visible ASCII characters.')
  return key
}
