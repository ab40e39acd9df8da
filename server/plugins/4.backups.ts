import { join } from 'node:path'
import { definePlugin } from 'nitro'
import { startScheduledBackups } from '~server/utils/backups/backup-schedule'
import { useConfig } from '~server/utils/config'
import { useConnection } from '~server/utils/db/connection'

// Scheduled backups of the embedded database (PULSE_BACKUP_DIR): once the database is open and
// migrated, then every PULSE_BACKUP_EVERY. PostgreSQL is backed up with its own tools (docs/deploy.md).
export default definePlugin(() => {
  const { backupDir, backupEveryMs, backupKeep, dataDir } = useConfig()
  if (!backupDir)
    return
  void useConnection()
    .then(({ dialect }) => {
      if (dialect !== 'sqlite') {
        console.warn('[pulse] PULSE_BACKUP_DIR is ignored on PostgreSQL: back it up with pg_dump (docs/deploy.md)')
        return
      }
      startScheduledBackups({ dir: backupDir, everyMs: Math.max(1000, backupEveryMs), keep: Math.max(1, backupKeep), sourceFile: join(dataDir, 'pulse.sqlite') })
    })
    .catch(error => console.error('[pulse] scheduled backups could not start:', error))
})
