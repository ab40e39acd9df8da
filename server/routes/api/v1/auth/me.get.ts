import { getCookie } from 'h3'
import { defineHandler } from 'nitro'
import { listMemberStores } from '~server/utils/auth/access/list-stores'
import { ACTIONS, roleCan } from '~server/utils/auth/access/permissions'
import { isAllowed } from '~server/utils/auth/access/require-permission'
import { resolveAccess } from '~server/utils/auth/access/resolve-access'
import { SESSION_COOKIE } from '~server/utils/auth/sessions/require-session'
import { toStore, toUser } from '~server/utils/db/store-user'
import { createApiError } from '~server/utils/http/errors'

// Devices and API keys have no user: `user` is null for them, and `actor` says who they are.
// No credential at all is a question, not a failure: a new device learns it is signed out without a 401
// in its console. A credential that no longer works is still a 401 (the session ended).
export default defineHandler(async (event) => {
  if (!event.req.headers.has('authorization') && !getCookie(event, SESSION_COOKIE))
    return { user: null, store: null }
  const access = await resolveAccess(event)
  const { principal, store, db } = access
  let user = null
  let storeCount = 1
  let analyticsStoreCount = isAllowed(access, 'analytics:read') ? 1 : 0
  if (principal.type === 'user') {
    const stores = await listMemberStores(db, principal.id)
    storeCount = stores.length
    analyticsStoreCount = stores.filter(entry => entry.role && roleCan(entry.role, 'analytics:read', { staffCanSeeToday: false })).length
    const row = await db.selectFrom('users').selectAll().where('id', '=', principal.id).executeTakeFirst()
    if (!row)
      throw createApiError('unauthorized', 'The user of this session no longer exists.')
    user = { ...toUser(row), storeId: store.id }
  }
  return {
    user,
    store: toStore(store),
    role: principal.role,
    actor: access.actor,
    permissions: ACTIONS.filter(action => isAllowed(access, action)),
    storeCount,
    analyticsStoreCount,
  }
})
