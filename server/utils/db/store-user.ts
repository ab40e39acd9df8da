import type { Store, User } from '~shared/types/api'
import type { StoresTable, UsersTable } from './schema'

export function toStore(row: StoresTable): Store {
  return { id: row.id, name: row.name, timeZone: row.time_zone, currency: row.currency, createdAt: row.created_at }
}

export function toUser(row: UsersTable): User {
  return { id: row.id, email: row.email, storeId: row.store_id, createdAt: row.created_at }
}
