import type { Session } from '../auth/sessions/sessions'
import { endSessions } from '../auth/sessions/end-sessions'
import { getSessionById, listUserSessions } from '../auth/sessions/sessions'
import { announceAccessChanged, announceJoined as announceJoinedOnBus } from '../cluster/wake-ups'
import { useDb } from '../db/connection'
import { closeStreamsOfPrincipal, forEachClient } from '../events/hub'
import { admitToMultiStreams } from '../events/multi-stream'
import { removeStoreSubscriptionsOf } from '../push/subscriptions'

/** This instance's open streams of a store whose session matches (other stores' streams are not read). */
async function streamSessionsWhere(storeId: string, match: (session: Session) => boolean): Promise<Set<string>> {
  const ids = new Set<string>()
  // A stream over several stores keeps its session's store to itself: its part here is closed below, not its session.
  forEachClient((client) => {
    if (client.storeId === storeId && client.followsSession)
      ids.add(client.sessionId)
  })
  const matching = new Set<string>()
  for (const id of ids) {
    const session = await getSessionById(id)
    if (session && match(session))
      matching.add(id)
  }
  return matching
}

/** Closes the streams of a principal (user or device id) in a store on every instance at once, e.g. after a role change. */
export function closeStreamsOf(principalId: string, storeId: string): void {
  closeStreamsOfPrincipal(storeId, principalId)
  announceAccessChanged(storeId, principalId)
}

/** A person joined a store (an invitation, a store of their own): their open streams over all their stores take it in, on every instance. */
export function announceJoined(principalId: string, storeId: string): void {
  admitToMultiStreams(storeId, principalId)
  announceJoinedOnBus(storeId, principalId)
}

/**
 * Ends a principal's sessions in a store (not in its other stores) with their streams and every push
 * subscription of theirs in that store: the sessions stop working at once (requests also check the
 * membership or device every time), and the streams close on every instance now (through the cluster's
 * bus; a lost message leaves them to the next heartbeat). Every session that can stream is in the principal's session index (made at sign-in, or at the first
 * use of an older session), so the index finds those streaming on other instances.
 */
export async function endSessionsOf(principalId: string, storeId: string, knownSessionIds: string[] = []): Promise<void> {
  const ids = await streamSessionsWhere(storeId, session => session.userId === principalId)
  for (const id of knownSessionIds) ids.add(id)
  for (const { session } of await listUserSessions(principalId)) {
    if (session.storeId === storeId)
      ids.add(session.id)
  }
  await endSessions(principalId, ids)
  // This instance's streams over several stores leave the store; other instances close the principal's
  // streams there now rather than at their next heartbeat.
  closeStreamsOfPrincipal(storeId, principalId)
  announceAccessChanged(storeId, principalId)
  // A device subscribed by a session that has since expired is in no index: found by its principal and store.
  await removeStoreSubscriptionsOf(await useDb(), principalId, storeId)
}
