import { defineHandler } from 'nitro'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { readJsonBody } from '~server/utils/http/read-json-body'
import { updateStoreSettings } from '~server/utils/store-settings/update-store-settings'
import { UpdateStoreSchema } from '~shared/schemas/analytics'

export default defineHandler(async (event) => {
  const { storeId, db } = await requirePermission(event, 'settings:manage')
  const input = await readJsonBody(event, UpdateStoreSchema)
  return updateStoreSettings(db, storeId, input)
})
