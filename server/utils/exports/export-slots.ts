import type { ReleaseSlot } from '../limits/keyed-slots'
import { useConfig } from '../config'
import { createApiError } from '../http/errors'
import { KeyedSlots } from '../limits/keyed-slots'

const RETRY_AFTER_SECONDS = '10'

const exports = new KeyedSlots(() => useConfig().exportsPerStore, () => useConfig().exportsPerInstance)

/**
 * A slot for one orders export of this store, held until its download ends (or is cut off): `429
 * too_many_exports` past `PULSE_EXPORTS_PER_STORE` running exports of the store, `503 exports_busy`
 * past `PULSE_EXPORTS_PER_INSTANCE` on this instance, both with `Retry-After`. One store's exports thus
 * never take every database connection or the event loop from the others.
 */
export function claimExportSlot(storeId: string): ReleaseSlot {
  const release = exports.tryClaim(storeId)
  if (release)
    return release
  const retryAfter = { 'retry-after': RETRY_AFTER_SECONDS }
  if (exports.blockedBy(storeId) === 'key')
    throw createApiError('too_many_exports', undefined, retryAfter)
  throw createApiError('exports_busy', undefined, retryAfter)
}

/** Orders exports running on this instance (a gauge of the metrics). */
export function exportsRunning(): number {
  return exports.running
}
