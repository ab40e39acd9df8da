import type { SwitchStoreResponse } from '~shared/types/api'
import type { Access } from '../auth/access/principal'
import { moveSession } from '../auth/sessions/sessions'
import { toStore } from '../db/store-user'
import { createApiError } from '../http/errors'
import { closeStreamsOf } from '../team/end-access'

/**
 * Moves the request's session to another store of the person's: every later request works there with
 * the role held there. The person's streams in the store left close on every instance (the app opens
 * the new store's; a stream of another session of theirs reconnects and resumes), so nothing of the old
 * store arrives on this session afterwards. 404 for a store they do not belong to, 403 for a device or key.
 */
export async function switchStore(access: Access, storeId: string): Promise<SwitchStoreResponse> {
  const { principal, db } = access
  if (principal.type !== 'user')
    throw createApiError('forbidden', 'A paired device or an API key belongs to one store: only a person switches stores.')
  const member = await db.selectFrom('memberships')
    .innerJoin('stores', 'stores.id', 'memberships.store_id')
    .selectAll('stores')
    .select('memberships.role')
    .where('memberships.user_id', '=', principal.id)
    .where('memberships.store_id', '=', storeId)
    .executeTakeFirst()
  if (!member)
    throw createApiError('store_not_found')
  const { role, ...store } = member
  const left = principal.session.storeId
  if (left !== storeId) {
    await moveSession(principal.session, storeId)
    closeStreamsOf(principal.id, left)
  }
  return { store: toStore(store), role }
}
