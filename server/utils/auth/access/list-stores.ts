import type { Role, StoreAccess } from '~shared/types/api'
import type { Db } from '../../db/connection'
import type { StoresTable } from '../../db/schema'
import type { Access } from './principal'

function toStoreAccess(store: Pick<StoresTable, 'id' | 'name' | 'time_zone' | 'currency'>, role: Role | null): StoreAccess {
  return { id: store.id, name: store.name, timeZone: store.time_zone, currency: store.currency, role }
}

/** Every store a person belongs to with their role there, by name. */
export async function listMemberStores(db: Db, userId: string): Promise<Array<StoreAccess & { row: StoresTable }>> {
  const rows = await db.selectFrom('memberships')
    .innerJoin('stores', 'stores.id', 'memberships.store_id')
    .selectAll('stores')
    .select('memberships.role')
    .where('memberships.user_id', '=', userId)
    .orderBy('stores.name')
    .orderBy('stores.id')
    .execute()
  return rows.map(({ role, ...row }) => ({ ...toStoreAccess(row, role), row }))
}

/** The stores the principal of a request can work in: a person's memberships; a device or an API key only its own store. */
export async function listStoresOf(access: Access): Promise<StoreAccess[]> {
  const { principal, store, db } = access
  if (principal.type !== 'user')
    return [toStoreAccess(store, principal.role)]
  return (await listMemberStores(db, principal.id)).map(({ row: _row, ...entry }) => entry)
}
