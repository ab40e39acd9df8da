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

/** The store and seq of another instance's commit; null for this instance's own or a malformed payload. */
export function parseNotification(payload: string | undefined): { storeId: string, seq: number } | null {
  const [storeId, seq, instance] = (payload ?? '').split(':')
  if (!storeId || !seq || instance === INSTANCE_ID)
    return null
  return { storeId, seq: Number(seq) }
}
