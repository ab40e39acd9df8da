import type { Session } from '../auth/sessions/sessions'
import type { Db } from '../db/connection'
import { createSession, getSessionById, revokeSession } from '../auth/sessions/sessions'
import { createApiError } from '../http/errors'

/**
 * The session an API key's event streams run under: one per key, made on its first stream and kept on
 * the key's row, so that revoking the key revokes it and every instance's heartbeat closes the key's
 * streams (an API key itself is no session). Its token is thrown away: nobody can sign in with it.
 */
export async function useKeyStreamSession(db: Db, keyId: string, storeId: string): Promise<Session> {
  const row = await db.selectFrom('api_keys').select(['stream_session_id', 'revoked_at']).where('id', '=', keyId).executeTakeFirst()
  if (!row || row.revoked_at)
    throw createApiError('unauthorized', 'This API key is unknown or revoked.')
  const existing = row.stream_session_id ? await getSessionById(row.stream_session_id) : null
  if (existing)
    return existing
  const { session } = await createSession(keyId, storeId)
  let update = db.updateTable('api_keys').set({ stream_session_id: session.id }).where('id', '=', keyId).where('revoked_at', 'is', null)
  update = row.stream_session_id ? update.where('stream_session_id', '=', row.stream_session_id) : update.where('stream_session_id', 'is', null)
  if (Number((await update.executeTakeFirst()).numUpdatedRows) === 1)
    return session
  // Another stream of the key set its session first, or the key was revoked meanwhile.
  await revokeSession(session.id)
  const winner = await db.selectFrom('api_keys').select('stream_session_id').where('id', '=', keyId).where('revoked_at', 'is', null).executeTakeFirst()
  const shared = winner?.stream_session_id ? await getSessionById(winner.stream_session_id) : null
  if (!shared)
    throw createApiError('unauthorized', 'This API key is unknown or revoked.')
  return shared
}
