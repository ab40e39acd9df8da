import { useDb } from '../db/connection'
import { closeStreamsOfSessions } from '../events/hub'
import { removeSessionSubscriptions } from '../push/subscriptions'
import { revokeSession } from './sessions'

/**
 * Ends sessions of a user: their tokens stop working at once, the devices they subscribed stop
 * receiving pushes, and their streams close (on this instance now, on others at their next heartbeat).
 */
export async function endSessions(userId: string, ids: Set<string>): Promise<void> {
  await Promise.all([...ids].map(id => revokeSession(id, userId)))
  const db = await useDb()
  for (const id of ids)
    await removeSessionSubscriptions(db, id).catch(error => console.error('[push] could not remove the subscriptions of a signed-out session:', error))
  closeStreamsOfSessions(ids)
}
