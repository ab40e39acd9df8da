import type { H3Event } from 'h3'
import { createApiError } from '../http/errors'
import { readUuidParam } from '../http/read-uuid-param'

export function readSubscriptionId(event: H3Event): string {
  return readUuidParam(event, 'id', () => createApiError('subscription_not_found'))
}
