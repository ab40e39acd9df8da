import type { Store, User } from '~shared/types/api'
import type { Db } from '../db/connection'
import { randomUUID } from 'node:crypto'
import { inHashQueue } from '../auth/passwords/hash-queue'
import { hashPassword } from '../auth/passwords/password'
import { toStore, toUser } from '../db/store-user'
import { createApiError } from '../http/errors'
import { newStoreRow } from '../stores/new-store'

export interface RegisterInput { email: string, password: string, storeName: string, timeZone: string, currency: string }

/** Creates a store and its first user; 409 when the email is taken. */
export async function registerStore(db: Db, input: RegisterInput): Promise<{ user: User, store: Store }> {
  const passwordHash = await inHashQueue(() => hashPassword(input.password))
  const now = new Date().toISOString()
  const store = newStoreRow({ name: input.storeName, timeZone: input.timeZone, currency: input.currency }, now)
  const user = { id: randomUUID(), store_id: store.id, email: input.email, password_hash: passwordHash, created_at: now }
  try {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('stores').values(store).execute()
      await trx.insertInto('users').values(user).execute()
      await trx.insertInto('memberships').values({ store_id: store.id, user_id: user.id, role: 'owner', created_at: now, last_seen_at: null }).execute()
    })
  }
  catch (error) {
    if (await db.selectFrom('users').select('id').where('email', '=', input.email).executeTakeFirst())
      throw createApiError('email_taken')
    throw error
  }
  return { user: toUser(user), store: toStore(store) }
}
