import { defineHandler } from 'nitro'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { createPairingCode } from '~server/utils/devices/pairing-codes'
import { readJsonBody } from '~server/utils/http/read-json-body'
import { CreatePairingCodeSchema } from '~shared/schemas/api'

export default defineHandler(async (event) => {
  const { db, storeId, actor } = await requirePermission(event, 'devices:manage')
  const { name } = await readJsonBody(event, CreatePairingCodeSchema)
  const code = await createPairingCode(db, storeId, name, actor)
  event.res.status = 201
  return code
})
