import type { Action, ApiKeyScope, Role } from '~shared/domain'
import { ACTIONS, STATUS_ACTIONS } from '~shared/domain'

export { ACTIONS, STATUS_ACTIONS }
export type { Action }

const ORDER_WORK: Action[] = ['orders:read', 'orders:create', 'orders:pay', 'orders:fulfil', 'orders:cancel', 'events:read', 'notifications:manage', 'products:read']
const ANALYTICS: Action[] = ['analytics:read', 'analytics:read_today']

/** The permission table: what each role may do. Routes and tests read it here; the app gets it from /auth/me. */
export const ROLE_PERMISSIONS: Record<Role, readonly Action[]> = {
  owner: ACTIONS,
  manager: [...ORDER_WORK, 'orders:refund', ...ANALYTICS, 'exports:read', 'team:read', 'devices:manage', 'settings:read', 'connections:read', 'products:manage'],
  // Cancelling is only possible from pending (the status machine), so `orders:cancel` is "cancel a pending order".
  staff: ORDER_WORK,
  display: ['orders:read', ...ANALYTICS, 'events:read', 'notifications:manage'],
}

/** What a store setting adds to a role: staff see today's figures when the owner allows it. */
export const SETTING_GRANTS: Partial<Record<Role, Partial<Record<Action, 'staffCanSeeToday'>>>> = {
  staff: { 'analytics:read_today': 'staffCanSeeToday' },
}

/** What each API key scope allows. Team, devices, keys and settings are in no scope: a key never sees or manages them. */
export const SCOPE_PERMISSIONS: Record<ApiKeyScope, readonly Action[]> = {
  // A till or a shop that reads orders may read the catalogue it sells from; changing it needs a person.
  'orders:read': ['orders:read', 'products:read'],
  'orders:write': ['orders:create', 'orders:pay', 'orders:fulfil', 'orders:cancel', 'orders:refund'],
  'analytics:read': [...ANALYTICS, 'exports:read'],
  'events:read': ['events:read'],
}

/** The store settings that change what a role may do. */
export interface RoleSettings { staffCanSeeToday: boolean }

export function roleCan(role: Role, action: Action, settings: RoleSettings): boolean {
  if (ROLE_PERMISSIONS[role].includes(action))
    return true
  const setting = SETTING_GRANTS[role]?.[action]
  return setting !== undefined && settings[setting]
}

export function scopesCan(scopes: readonly ApiKeyScope[], action: Action): boolean {
  return scopes.some(scope => SCOPE_PERMISSIONS[scope].includes(action))
}

/** The scope that would allow an action, for the message of a 403 `insufficient_scope`; none for management. */
export function scopeFor(action: Action): ApiKeyScope | undefined {
  return (Object.keys(SCOPE_PERMISSIONS) as ApiKeyScope[]).find(scope => SCOPE_PERMISSIONS[scope].includes(action))
}
