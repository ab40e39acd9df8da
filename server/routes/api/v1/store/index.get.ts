import { defineHandler } from 'nitro'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { toStoreSettings } from '~server/utils/store-settings/to-store-settings'

export default defineHandler(async (event) => {
  const { store } = await requirePermission(event, 'settings:read')
  return toStoreSettings(store)
})
