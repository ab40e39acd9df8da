import { defineHandler } from 'nitro'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { requireSession } from '~server/utils/auth/sessions/require-session'
import { useDb } from '~server/utils/db/connection'
import { useVapidKeys } from '~server/utils/push/vapid'

export default defineHandler(async (event) => {
  await requirePermission(event, 'notifications:manage')
  await requireSession(event)
  const { publicKey } = await useVapidKeys(await useDb())
  return { publicKey }
})
