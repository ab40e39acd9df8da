import { definePlugin } from 'nitro'
import { onCommitted } from '~server/utils/commit-listeners'
import { usePushConfig } from '~server/utils/config'
import { useConnection } from '~server/utils/db/connection'
import { useVapidKeys } from '~server/utils/push/vapid'
import { startPushWorker, stopPushWorker, wakePushWorker } from '~server/utils/push/worker'

// Web Push: the VAPID keys exist from the first start; the worker wakes on every commit this instance
// hears of and reads what to push from the committed log (nothing runs inside the write transaction).
export default definePlugin(() => {
  void useConnection()
    .then(async ({ db, dialect }) => {
      await useVapidKeys(db)
      if (!usePushConfig().worker)
        return
      // SQLite has one instance: a claim still held was cut off by a crash, so it is free at once.
      if (dialect === 'sqlite')
        await db.updateTable('push_outbox').set({ claimed_until: null }).where('claimed_until', 'is not', null).execute()
      onCommitted(storeId => wakePushWorker(storeId))
      startPushWorker(db, dialect)
    })
    .catch(error => console.error('[push] could not start:', error))
  process.once('SIGTERM', () => void stopPushWorker())
})
