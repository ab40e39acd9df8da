import type { StoreAccess } from '~shared/types/api'
import type { Db } from '../db/connection'
import type { NewStoreInput } from './new-store'
import { sql } from 'kysely'
import { useConnection } from '../db/connection'
import { assertBelowCap, CAPS } from '../limits/caps'
import { announceJoined } from '../team/end-access'
import { newStoreRow } from './new-store'

/**
 * Opens another store for a signed-in person, who becomes its owner. 409 `limit_reached` past
 * `CAPS.storesOwnedPerUser`. The person's session stays where it is: switching is a separate step.
 */
export async function createStore(db: Db, userId: string, input: NewStoreInput): Promise<StoreAccess> {
  const { dialect } = await useConnection()
  const now = new Date().toISOString()
  const store = newStoreRow(input, now)
  await db.transaction().execute(async (trx) => {
    // One creation of a person at a time on PostgreSQL, so that concurrent ones cannot both pass the cap
    // (SQLite runs one write transaction at a time).
    if (dialect === 'postgres')
      await sql`select pg_advisory_xact_lock(hashtext(${`stores-owned:${userId}`}))`.execute(trx)
    const owned = await trx.selectFrom('memberships').select(eb => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('role', '=', 'owner').executeTakeFirstOrThrow()
    assertBelowCap(owned.n, CAPS.storesOwnedPerUser, `You already own ${CAPS.storesOwnedPerUser} stores (the limit).`)
    await trx.insertInto('stores').values(store).execute()
    await trx.insertInto('memberships').values({ store_id: store.id, user_id: userId, role: 'owner', created_at: now, last_seen_at: null }).execute()
  })
  announceJoined(userId, store.id)
  return { id: store.id, name: store.name, timeZone: store.time_zone, currency: store.currency, role: 'owner' }
}
