import type { Access } from '../auth/access/principal'
import { listMemberStores } from '../auth/access/list-stores'
import { createApiError } from '../http/errors'

const MAX_LISTED = 100
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The stores a stream over several stores carries: `all` — every store of the person (a device or an API
 * key: its own) — or a comma-separated list of ids, each one they belong to (404 `store_not_found`
 * otherwise). Every role may read the stream, so membership is the whole check.
 */
export async function resolveStreamStores(access: Access, raw: string): Promise<string[]> {
  const { principal, db } = access
  const mine = principal.type === 'user' ? (await listMemberStores(db, principal.id)).map(entry => entry.id) : [access.storeId]
  if (raw === 'all')
    return mine
  const wanted = [...new Set(raw.split(','))]
  if (wanted.length > MAX_LISTED || wanted.some(id => !UUID.test(id)))
    throw createApiError('validation_failed', `query.stores: must be all or up to ${MAX_LISTED} comma-separated store ids.`)
  const missing = wanted.find(id => !mine.includes(id.toLowerCase()))
  if (missing)
    throw createApiError('store_not_found', `You do not belong to the store ${missing}.`)
  return wanted.map(id => id.toLowerCase())
}
