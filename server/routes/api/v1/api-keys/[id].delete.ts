import { defineHandler } from 'nitro'
import { apiKeyNotFound, revokeApiKey } from '~server/utils/api-keys/api-keys'
import { requirePermission } from '~server/utils/auth/require-permission'
import { revokeSession } from '~server/utils/auth/sessions'
import { closeStreamsOfSessions } from '~server/utils/events/hub'
import { readUuidParam } from '~server/utils/http/read-uuid-param'

export default defineHandler(async (event) => {
  const { db, storeId } = await requirePermission(event, 'api_keys:manage')
  const id = readUuidParam(event, 'id', apiKeyNotFound)
  const streamSession = await revokeApiKey(db, storeId, id)
  if (streamSession) {
    // Its streams close here now, and on other instances at their next heartbeat (the session is gone).
    await revokeSession(streamSession)
    closeStreamsOfSessions(new Set([streamSession]))
  }
  event.res.status = 204
  return null
})
