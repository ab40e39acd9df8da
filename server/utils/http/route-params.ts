import type { H3Event } from 'h3'
import { createApiError } from './errors'
import { readUuidParam } from './read-uuid-param'

/** The `:id` of an order route; anything that is not a UUID cannot name an order, so it is a 404. */
export function readOrderId(event: H3Event): string {
  return readUuidParam(event, 'id', () => createApiError('order_not_found'))
}

const IDEMPOTENCY_KEY = /^[\x21-\x7E]{1,255}$/

export function readIdempotencyKey(event: H3Event): string | undefined {
  const key = event.req.headers.get('idempotency-key')
  if (key === null)
    return undefined
  if (!IDEMPOTENCY_KEY.test(key))
    throw createApiError('invalid_idempotency_key')
  return key
}
