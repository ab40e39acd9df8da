import { defineHandler } from 'nitro'
import { requireSession } from '~server/utils/auth/require-session'
import { clearSessionCookie } from '~server/utils/auth/session-cookie'
import { revokeSession } from '~server/utils/auth/sessions'
import { useDb } from '~server/utils/db/connection'
import { closeStreamsOfSessions } from '~server/utils/events/hub'
import { removeSessionSubscriptions } from '~server/utils/push/subscriptions'

export default defineHandler(async (event) => {
  const session = await requireSession(event)
  await revokeSession(session.id, session.userId)
  // Web Push: the device this session subscribed stops receiving pushes.
  await removeSessionSubscriptions(await useDb(), session.id).catch(error => console.error('[push] could not remove the subscriptions of a signed-out session:', error))
  // Streams on this instance close now; those on other instances at their next heartbeat.
  closeStreamsOfSessions(new Set([session.id]))
  clearSessionCookie(event)
  event.res.status = 204
  return null
})
