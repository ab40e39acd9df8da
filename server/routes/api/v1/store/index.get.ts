import { defineHandler } from 'nitro'
import { requireStoreOwner } from '~server/utils/store-settings/require-store-owner'
import { toStoreSettings } from '~server/utils/store-settings/to-store-settings'

export default defineHandler(async (event) => {
  const { store } = await requireStoreOwner(event)
  return toStoreSettings(store)
})
