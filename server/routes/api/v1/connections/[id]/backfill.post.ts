import { defineHandler } from 'nitro'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { startBackfill } from '~server/utils/backfill/backfills'
import { connectionNotFound } from '~server/utils/connectors/connections'
import { readJsonBody } from '~server/utils/http/read-json-body'
import { readUuidParam } from '~server/utils/http/read-uuid-param'
import { BackfillSchema } from '~shared/schemas/connections'

export default defineHandler(async (event) => {
  const { db, storeId } = await requirePermission(event, 'connections:manage')
  const id = readUuidParam(event, 'id', connectionNotFound)
  const { since } = await readJsonBody(event, BackfillSchema)
  const started = await startBackfill(db, storeId, id, since)
  event.res.status = 202
  return started
})
