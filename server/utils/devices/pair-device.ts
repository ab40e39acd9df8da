import type { Device, Store } from '~shared/types/api'
import type { Db } from '../db/connection'
import type { DevicesTable } from '../db/team-tables'
import { hashSecret } from '../auth/passwords/secrets'
import { createSession } from '../auth/sessions/sessions'
import { newId } from '../db/new-id'
import { toStore } from '../db/store-user'
import { createApiError } from '../http/errors'
import { toDevice } from './devices'

async function explainUnusable(db: Db, codeHash: string): Promise<Error> {
  const row = await db.selectFrom('pairing_codes').select(['used_at']).where('code_hash', '=', codeHash).executeTakeFirst()
  if (!row)
    return createApiError('pairing_code_not_found')
  if (row.used_at)
    return createApiError('pairing_code_used')
  return createApiError('pairing_code_expired')
}

/**
 * Spends a pairing code and registers the device in the code's store (under the name typed on the device,
 * else the one given with the code, else "Counter tablet"), then signs it in: a session whose principal is the device, role `display`.
 */
export async function pairDevice(db: Db, code: string, deviceName: string | null | undefined, userAgent: string | null): Promise<{ token: string, store: Store, device: Device }> {
  const codeHash = hashSecret(code)
  const now = new Date().toISOString()
  const device = await db.transaction().execute(async (trx) => {
    const spent = await trx.updateTable('pairing_codes').set({ used_at: now }).where('code_hash', '=', codeHash).where('used_at', 'is', null).where('expires_at', '>', now).returning(['store_id', 'name', 'created_by']).executeTakeFirst()
    if (!spent)
      return null
    const row: DevicesTable = { id: newId(), store_id: spent.store_id, name: deviceName || spent.name || 'Counter tablet', session_id: null, created_by: spent.created_by, created_at: now, last_seen_at: null, revoked_at: null }
    await trx.insertInto('devices').values(row).execute()
    return row
  })
  if (!device)
    throw await explainUnusable(db, codeHash)
  const { token, session } = await createSession(device.id, device.store_id, userAgent)
  await db.updateTable('devices').set({ session_id: session.id }).where('id', '=', device.id).execute()
  const store = await db.selectFrom('stores').selectAll().where('id', '=', device.store_id).executeTakeFirstOrThrow()
  return { token, store: toStore(store), device: toDevice(device) }
}
