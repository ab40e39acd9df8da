import type { Store, User } from '~shared/types/api'
import type { Db } from '../db/connection'
import { verifyAgainstDummy, verifyPassword } from '../auth/passwords/password'
import { toStore, toUser } from '../db/store-user'
import { findSignInStoreId } from '../team/memberships'

/** Returns the user and store for valid credentials, or null; equally slow either way. */
export async function authenticate(db: Db, email: string, password: string): Promise<{ user: User, store: Store } | null> {
  const user = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst()
  if (!user)
    return verifyAgainstDummy(password).then(() => null)
  if (!await verifyPassword(password, user.password_hash))
    return null
  // A user removed from every store has nowhere to sign in to: the same answer as a wrong password.
  const storeId = await findSignInStoreId(db, user.id, user.store_id)
  if (!storeId)
    return null
  const store = await db.selectFrom('stores').selectAll().where('id', '=', storeId).executeTakeFirstOrThrow()
  return { user: { ...toUser(user), storeId }, store: toStore(store) }
}
