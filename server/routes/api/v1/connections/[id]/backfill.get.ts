import { defineHandler } from 'nitro'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { readBackfill } from '~server/utils/backfill/backfills'
import { connectionNotFound } from '~server/utils/connectors/connections'
import { readUuidParam } from '~server/utils/http/read-uuid-param'

export default defineHandler(async (event) => {
  const { db, storeId } = await requirePermission(event, 'connections:read')
  return readBackfill(db, storeId, readUuidParam(event, 'id', connectionNotFound))
})
