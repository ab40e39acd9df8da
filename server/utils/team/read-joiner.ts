import type { H3Event } from 'h3'
import type { Joiner } from './accept-invitation'
import { resolveAccess } from '../auth/access/resolve-access'
import { createApiError } from '../http/errors'

/** Who accepts an invitation: the email and password given, or else the signed-in person (401 without one). */
export async function readJoiner(event: H3Event, email?: string, password?: string): Promise<Joiner> {
  if (email !== undefined && password !== undefined)
    return { email, password }
  if (email !== undefined || password !== undefined)
    throw createApiError('validation_failed', 'body: give both email and password, or neither when signed in.')
  const { principal } = await resolveAccess(event)
  if (principal.type !== 'user')
    throw createApiError('forbidden', 'Only a person can accept an invitation, not a device or an API key.')
  return { userId: principal.id }
}
