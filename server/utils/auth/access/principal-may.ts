import type { Db } from '../../db/connection'
import type { Action } from './permissions'
import { roleCan } from './permissions'

/**
 * Whether a person or paired device (by id) may do `action` in a store, read now from the membership
 * (or the device) and the store's settings: for work on behalf of someone outside their request, such
 * as a push sent later or a device of another store than the session's.
 */
export async function principalMay(db: Db, principalId: string, storeId: string, action: Action): Promise<boolean> {
  const store = await db.selectFrom('stores').select('staff_can_see_today').where('id', '=', storeId).executeTakeFirst()
  if (!store)
    return false
  const member = await db.selectFrom('memberships').select('role').where('store_id', '=', storeId).where('user_id', '=', principalId).executeTakeFirst()
  const device = member ? undefined : await db.selectFrom('devices').select('id').where('id', '=', principalId).where('store_id', '=', storeId).where('revoked_at', 'is', null).executeTakeFirst()
  const role = member?.role ?? (device ? 'display' : undefined)
  return role !== undefined && roleCan(role, action, { staffCanSeeToday: Number(store.staff_can_see_today ?? 0) === 1 })
}
