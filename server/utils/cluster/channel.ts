import { randomUUID } from 'node:crypto'

export const EVENTS_CHANNEL = 'pulse_events'

/**
 * This process's name in notifications: its own commits reach its streams directly after the commit
 * (with their commit time), so it skips its own notifications instead of reading them back from the log.
 */
export const INSTANCE_ID = randomUUID()

export function notificationPayload(storeId: string, seq: number): string {
  return `${storeId}:${seq}:${INSTANCE_ID}`
}

/** Every instance sends `reset` to the store's streams: a history import changed past hours without one event per sale. */
export function resetPayload(storeId: string): string {
  return `${storeId}:reset:${INSTANCE_ID}`
}

/**
 * The store and seq of another instance's commit, or `reset` for its reset; null for this instance's own
 * or a malformed payload.
 */
export function parseNotification(payload: string | undefined): { storeId: string, seq: number | 'reset' } | null {
  const [storeId, seq, instance] = (payload ?? '').split(':')
  if (!storeId || !seq || instance === INSTANCE_ID)
    return null
  return { storeId, seq: seq === 'reset' ? 'reset' : Number(seq) }
}

export const ACCESS_CHANNEL = 'pulse_access'

export function accessPayload(storeId: string, principalId: string): string {
  return `${storeId}:${principalId}:${INSTANCE_ID}`
}

/** The store and principal of another instance's access change; null for this instance's own or a malformed payload. */
export function parseAccessPayload(payload: string | undefined): { storeId: string, principalId: string } | null {
  const [storeId, principalId, instance] = (payload ?? '').split(':')
  if (!storeId || !principalId || instance === INSTANCE_ID)
    return null
  return { storeId, principalId }
}
