import type { InferOutput } from 'valibot'
import type { UpdateStoreSchema } from '~shared/schemas/analytics'
import type { StoreSettings } from '~shared/types/api'
import type { Db } from '../db/connection'
import type { StoresTable } from '../db/schema'
import { createApiError } from '../http/errors'
import { rebucketRollups, rebuildDailyRollups, rollupsFitZone } from './rebucket-rollups'
import { toStoreSettings } from './to-store-settings'

export type UpdateStoreInput = InferOutput<typeof UpdateStoreSchema>

/**
 * Changes the store's settings in one transaction that locks its row first (as every write does), so no
 * order or payment lands half in the old zone. A new zone whose hours are not the rollups' hours (to or
 * from a :30/:45 zone) recomputes the rollups in it; any other new zone sums the daily rollups again
 * (an hour's local date moves with the zone). A new day start needs nothing: business days are read
 * from the hourly rollups at whatever whole hour they start, and from the daily ones for whole dates.
 */
export async function updateStoreSettings(db: Db, storeId: string, input: UpdateStoreInput): Promise<StoreSettings> {
  const row = await db.transaction().execute(async (trx) => {
    const before = await trx.updateTable('stores').set(eb => ({ last_seq: eb.ref('last_seq') })).where('id', '=', storeId).returningAll().executeTakeFirst()
    if (!before)
      throw createApiError('unauthorized', 'The store of this session no longer exists.')
    const changes: Partial<StoresTable> = {}
    if (input.name !== undefined)
      changes.name = input.name
    if (input.currency !== undefined)
      changes.currency = input.currency
    if (input.dayStartsAt !== undefined)
      changes.day_start_minutes = Number(input.dayStartsAt.slice(0, 2)) * 60
    if (input.dailyGoalCents !== undefined)
      changes.daily_goal_cents = input.dailyGoalCents
    if (input.staffCanSeeToday !== undefined)
      changes.staff_can_see_today = input.staffCanSeeToday ? 1 : 0
    if (input.timeZone !== undefined && input.timeZone !== before.time_zone) {
      changes.time_zone = input.timeZone
      if (!await rollupsFitZone(trx, storeId, input.timeZone))
        await rebucketRollups(trx, storeId, input.timeZone)
      else
        await rebuildDailyRollups(trx, storeId, input.timeZone)
    }
    if (Object.keys(changes).length === 0)
      return before
    return trx.updateTable('stores').set(changes).where('id', '=', storeId).returningAll().executeTakeFirstOrThrow()
  })
  return toStoreSettings(row)
}
