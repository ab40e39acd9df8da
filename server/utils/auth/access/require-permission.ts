import type { H3Event } from 'h3'
import type { OrderStatus } from '~shared/types/api'
import type { Action } from './permissions'
import type { Access } from './principal'
import { createApiError } from '../../http/errors'
import { roleCan, scopeFor, scopesCan, STATUS_ACTIONS } from './permissions'
import { resolveAccess } from './resolve-access'

const DESCRIPTIONS: Record<Action, string> = {
  'orders:read': 'read orders',
  'orders:create': 'create orders',
  'orders:pay': 'take payments',
  'orders:fulfil': 'fulfil orders',
  'orders:cancel': 'cancel orders',
  'orders:refund': 'refund orders',
  'analytics:read': 'see the analytics',
  'analytics:read_today': 'see today\'s figures',
  'events:read': 'open the event stream',
  'team:read': 'see the team',
  'team:manage': 'manage the team',
  'devices:manage': 'manage counter devices',
  'api_keys:manage': 'manage API keys',
  'settings:read': 'see the store settings',
  'settings:manage': 'change the store settings',
  'exports:read': 'export reports',
  'notifications:manage': 'receive notifications',
  'connections:read': 'see the connections',
  'connections:manage': 'manage the connections',
  'products:read': 'read the product catalogue',
  'products:manage': 'change the product catalogue',
}

/** Whether the principal of `access` may do `action` in its store. */
export function isAllowed(access: Access, action: Action): boolean {
  const { principal, store } = access
  if (principal.type === 'api_key')
    return scopesCan(principal.scopes, action)
  return roleCan(principal.role, action, { staffCanSeeToday: Number(store.staff_can_see_today ?? 0) === 1 })
}

/** Throws 403 unless the principal may do `action`: `insufficient_scope` for an API key, `forbidden` otherwise. */
export function assertAllowed(access: Access, action: Action): void {
  if (isAllowed(access, action))
    return
  const { principal } = access
  if (principal.type === 'api_key') {
    const scope = scopeFor(action)
    throw scope
      ? createApiError('insufficient_scope', `This API key may not ${DESCRIPTIONS[action]}: it needs the ${scope} scope.`)
      : createApiError('forbidden', `API keys may not ${DESCRIPTIONS[action]}; sign in as an owner.`)
  }
  throw createApiError('forbidden', `The ${principal.role} role may not ${DESCRIPTIONS[action]}.`)
}

/** The request's access (401 without one) after checking that it may do `action` (403 otherwise). */
export async function requirePermission(event: H3Event, action: Action): Promise<Access> {
  const access = await resolveAccess(event)
  assertAllowed(access, action)
  return access
}

/** Analytics: today's figures need `analytics:read_today` (which a store setting can give staff), other ranges `analytics:read`. */
export function requireAnalyticsPermission(event: H3Event, range: string): Promise<Access> {
  return requirePermission(event, range === 'today' ? 'analytics:read_today' : 'analytics:read')
}

/** PATCH /orders/:id: the action depends on the status asked for (refunding needs more than fulfilling). */
export function requireStatusPermission(event: H3Event, status: OrderStatus): Promise<Access> {
  return requirePermission(event, STATUS_ACTIONS[status])
}
