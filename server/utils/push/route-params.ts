import type { H3Event } from 'h3'
import { getRouterParam } from 'h3'
import { createApiError } from '../http/errors'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function readSubscriptionId(event: H3Event): string {
  const id = getRouterParam(event, 'id') ?? ''
  if (!UUID.test(id))
    throw createApiError(404, 'subscription_not_found', 'No such push subscription for this user.')
  return id.toLowerCase()
}
