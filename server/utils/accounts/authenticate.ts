import type { Store, User } from '~shared/types/api'
import type { Db } from '../db/connection'
import { verifyAgainstDummy, verifyPassword } from '../auth/password'
import { toStore, toUser } from './store-user'

/** Returns the user and store for valid credentials, or null; equally slow either way. */
export async function authenticate(db: Db, email: string, password: string): Promise<{ user: User, store: Store } | null> {
  const user = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst()
  if (!user)
    return verifyAgainstDummy(password).then(() => null)
  if (!await verifyPassword(password, user.password_hash))
    return null
  const store = await db.selectFrom('stores').selectAll().where('id', '=', user.store_id).executeTakeFirstOrThrow()
  return { user: toUser(user), store: toStore(store) }
}

export async function findUserAndStore(db: Db, userId: string): Promise<{ user: User, store: Store } | null> {
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst()
  if (!user)
    return null
  const store = await db.selectFrom('stores').selectAll().where('id', '=', user.store_id).executeTakeFirstOrThrow()
  return { user: toUser(user), store: toStore(store) }
}
