import type { PushKind } from '~shared/types/push'
import type { Action } from '../auth/access/permissions'
import type { Db } from '../db/connection'
import type { PushSubscriptionsTable } from '../db/push-tables'
import { principalMay } from '../auth/access/principal-may'
import { createApiError } from '../http/errors'

// What each push carries decides who may have it: orders (with customer names), or the day's figures.
const NEEDS: Record<PushKind, Action> = {
  new_order: 'orders:read',
  payment: 'orders:read',
  pending_reminder: 'orders:read',
  daily_summary: 'analytics:read_today',
  test: 'notifications:manage',
}

/** Whether the device's user (or paired device) may still receive this kind of push in the device's store. */
export function mayReceive(db: Db, subscription: Pick<PushSubscriptionsTable, 'user_id' | 'store_id'>, kind: PushKind): Promise<boolean> {
  return principalMay(db, subscription.user_id, subscription.store_id, NEEDS[kind])
}

/** Throws 403 unless the device's user may receive this kind of push in the device's store. */
export async function assertMayReceive(db: Db, subscription: Pick<PushSubscriptionsTable, 'user_id' | 'store_id'>, kind: PushKind): Promise<void> {
  if (!await mayReceive(db, subscription, kind))
    throw createApiError('forbidden', 'Your role in this device\'s store may not receive this alert.')
}
