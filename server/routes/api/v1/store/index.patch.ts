import { defineHandler } from 'nitro'
import { readJsonBody } from '~server/utils/http/read-json-body'
import { requireStoreOwner } from '~server/utils/store-settings/require-store-owner'
import { updateStoreSettings } from '~server/utils/store-settings/update-store-settings'
import { UpdateStoreSchema } from '~shared/schemas/analytics'

export default defineHandler(async (event) => {
  const { store, db } = await requireStoreOwner(event)
  const input = await readJsonBody(event, UpdateStoreSchema)
  return updateStoreSettings(db, store.id, input)
})
