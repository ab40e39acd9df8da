import { defineHandler } from 'nitro'
import { apiKeyNotFound, revokeApiKey } from '~server/utils/api-keys/api-keys'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { endSessions } from '~server/utils/auth/sessions/end-sessions'
import { readUuidParam } from '~server/utils/http/read-uuid-param'

export default defineHandler(async (event) => {
  const { db, storeId } = await requirePermission(event, 'api_keys:manage')
  const id = readUuidParam(event, 'id', apiKeyNotFound)
  const streamSession = await revokeApiKey(db, storeId, id)
  // The key's stream session belongs to the key (its user is the key's id), like a member's to the member.
  if (streamSession)
    await endSessions(id, new Set([streamSession]))
  event.res.status = 204
  return null
})
