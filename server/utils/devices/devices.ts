import type { Device } from '~shared/types/api'
import type { Db } from '../db/connection'
import type { DevicesTable } from '../db/team-tables'
import { createApiError } from '../http/errors'

export function deviceNotFound(): Error {
  return createApiError('device_not_found')
}

export function toDevice(row: DevicesTable): Device {
  return { id: row.id, name: row.name, createdAt: row.created_at, lastSeenAt: row.last_seen_at }
}

export async function listDevices(db: Db, storeId: string): Promise<Device[]> {
  const rows = await db.selectFrom('devices').selectAll().where('store_id', '=', storeId).where('revoked_at', 'is', null).orderBy('created_at').execute()
  return rows.map(toDevice)
}

/** Revokes a device; returns the session it signed in with, for the caller to end with its streams. */
export async function revokeDevice(db: Db, storeId: string, id: string): Promise<string | null> {
  const row = await db.updateTable('devices').set({ revoked_at: new Date().toISOString() }).where('id', '=', id).where('store_id', '=', storeId).where('revoked_at', 'is', null).returning('session_id').executeTakeFirst()
  if (!row)
    throw deviceNotFound()
  return row.session_id
}
