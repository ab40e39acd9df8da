import { defineHandler } from 'nitro'
import { findUserAndStore } from '~server/utils/accounts/authenticate'
import { toStore } from '~server/utils/accounts/store-user'
import { requireStore } from '~server/utils/auth/require-store'
import { createApiError } from '~server/utils/http/errors'

export default defineHandler(async (event) => {
  const { session, store, db } = await requireStore(event)
  const account = await findUserAndStore(db, session.userId)
  if (!account)
    throw createApiError(401, 'unauthorized', 'The user of this session no longer exists.')
  return { user: account.user, store: toStore(store) }
})
