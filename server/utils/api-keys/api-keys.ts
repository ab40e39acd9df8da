import type { Actor, ApiKey, ApiKeyScope, CreatedApiKey } from '~shared/types/api'
import type { Db } from '../db/connection'
import type { ApiKeysTable } from '../db/team-tables'
import { API_KEY_PREFIX } from '../auth/access/resolve-access'
import { hashSecret, randomBase62 } from '../auth/passwords/secrets'
import { useConnection } from '../db/connection'
import { newId } from '../db/new-id'
import { createApiError } from '../http/errors'
import { assertBelowCap, CAPS } from '../limits/caps'
import { inTeamTransaction } from '../team/memberships'

// Enough of the key to tell keys apart in a list, far too little to guess the rest (250 bits remain).
const SHOWN_CHARS = 6

export function apiKeyNotFound(): Error {
  return createApiError('api_key_not_found')
}

function toApiKey(row: ApiKeysTable): ApiKey {
  return { id: row.id, name: row.name, scopes: JSON.parse(row.scopes) as ApiKeyScope[], prefix: row.prefix, createdAt: row.created_at, lastUsedAt: row.last_used_at }
}

/** Creates a key: `pulse_sk_` + 256 random bits in base62, returned once and stored only as its SHA-256 (at most `CAPS.apiKeysPerStore` live keys a store). */
export async function createApiKey(db: Db, storeId: string, name: string, scopes: ApiKeyScope[], by: Actor): Promise<CreatedApiKey> {
  const key = `${API_KEY_PREFIX}${randomBase62()}`
  const row: ApiKeysTable = {
    id: newId(),
    store_id: storeId,
    name,
    scopes: JSON.stringify([...new Set(scopes)].sort()),
    key_hash: hashSecret(key),
    prefix: key.slice(0, API_KEY_PREFIX.length + SHOWN_CHARS),
    created_by: JSON.stringify(by),
    created_at: new Date().toISOString(),
    last_used_at: null,
    revoked_at: null,
    stream_session_id: null,
  }
  const { dialect } = await useConnection()
  await inTeamTransaction(db, dialect, storeId, async (trx) => {
    const live = await trx.selectFrom('api_keys').select(eb => eb.fn.countAll<number>().as('n')).where('store_id', '=', storeId).where('revoked_at', 'is', null).executeTakeFirstOrThrow()
    assertBelowCap(live.n, CAPS.apiKeysPerStore, `This store already has ${CAPS.apiKeysPerStore} API keys (the limit): revoke unused ones first.`)
    await trx.insertInto('api_keys').values(row).execute()
  })
  const { lastUsedAt: _, ...shown } = toApiKey(row)
  return { ...shown, key }
}

export async function listApiKeys(db: Db, storeId: string): Promise<ApiKey[]> {
  const rows = await db.selectFrom('api_keys').selectAll().where('store_id', '=', storeId).where('revoked_at', 'is', null).orderBy('created_at').execute()
  return rows.map(toApiKey)
}

/** Revokes a key (it fails from the next request on); returns the session its streams run under. */
export async function revokeApiKey(db: Db, storeId: string, id: string): Promise<string | null> {
  const row = await db.updateTable('api_keys').set({ revoked_at: new Date().toISOString() }).where('id', '=', id).where('store_id', '=', storeId).where('revoked_at', 'is', null).returning('stream_session_id').executeTakeFirst()
  if (!row)
    throw apiKeyNotFound()
  return row.stream_session_id
}
