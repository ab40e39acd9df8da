import { defineHandler } from 'nitro'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { listDevices } from '~server/utils/devices/devices'

export default defineHandler(async (event) => {
  const { db, storeId } = await requirePermission(event, 'devices:manage')
  return { devices: await listDevices(db, storeId) }
})
