import type { H3Event } from 'h3'
import type { Db, Dialect } from '../db/connection'
import type { StoresTable } from '../db/schema'
import type { Session } from './sessions'
import { useConnection } from '../db/connection'
import { createApiError } from '../http/errors'
import { requireSession } from './require-session'

export interface StoreContext { session: Session, store: StoresTable, db: Db, dialect: Dialect }

/** The signed-in store of a request, with the database: what every store-scoped route starts with. */
export async function requireStore(event: H3Event): Promise<StoreContext> {
  const session = await requireSession(event)
  const { db, dialect } = await useConnection()
  const store = await db.selectFrom('stores').selectAll().where('id', '=', session.storeId).executeTakeFirst()
  if (!store)
    throw createApiError(401, 'unauthorized', 'The store of this session no longer exists.')
  return { session, store, db, dialect }
}

/**
 * The signed-in store's id, with the database, for writes: a store write locks the store's row first
 * (a store that is gone answers 401 there), so reading the row here as well would be a wasted query.
 */
export async function requireStoreForWrite(event: H3Event): Promise<{ storeId: string, db: Db }> {
  const { storeId } = await requireSession(event)
  const { db } = await useConnection()
  return { storeId, db }
}
