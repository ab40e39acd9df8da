import { definePlugin } from 'nitro'
import { startWakeUps } from '~server/utils/cluster/wake-ups'
import { useConfig } from '~server/utils/config'
import { useConnection } from '~server/utils/db/connection'
import { seedDemoIfEmpty } from '~server/utils/demo/seed-on-start'
import { startEventPruning } from '~server/utils/lifecycle/prune-schedule'

// Plugins run synchronously: open, migrate and seed in the background; every route awaits the same
// connection promise, so no request sees a half-migrated database.
export default definePlugin(() => {
  const started = useConnection()
    .then(async ({ db, dialect, url }) => {
      if (dialect === 'postgres' && url)
        startWakeUps(url)
      if (useConfig().demo)
        await seedDemoIfEmpty(db)
      startEventPruning()
    })
  started.catch((error) => {
    console.error('[pulse] could not open the database:', error)
    process.exit(1)
  })
})
