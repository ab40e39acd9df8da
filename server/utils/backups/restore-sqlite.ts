import type { SqliteFileCheck } from './check-sqlite-file'
import { copyFileSync, existsSync, mkdirSync, renameSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { migrationNames } from '../db/migration-names'
import { checkSqliteFile, isDatabaseInUse } from './check-sqlite-file'

export interface RestoreResult extends SqliteFileCheck { restored: string, replaced: string | undefined }

const SIDE_FILES = ['-wal', '-shm']

/**
 * Puts the backup `file` in place of `dataDir/pulse.sqlite` (Pulse stopped): the file is checked
 * first, and the database it replaces is kept beside it as `pulse.sqlite.replaced-<time>` (with its
 * WAL, so that it opens as it was).
 */
export async function restoreSqlite(file: string, dataDir: string, now = new Date()): Promise<RestoreResult> {
  // The file alone is copied into place: writes still in a WAL beside it would be lost.
  if (existsSync(`${file}-wal`) && statSync(`${file}-wal`).size > 0)
    throw new Error(`${file}-wal exists beside it: restore a file made by npm run backup (or open it once with sqlite3 to fold the WAL in)`)
  const check = checkSqliteFile(resolve(file), await migrationNames())
  const target = join(dataDir, 'pulse.sqlite')
  if (resolve(file) === target)
    throw new Error(`${file} is the database itself: restore from a backup file`)
  if (isDatabaseInUse(target))
    throw new Error(`${target} is in use: stop Pulse first`)
  mkdirSync(dataDir, { recursive: true })
  let replaced: string | undefined
  if (existsSync(target)) {
    replaced = `${target}.replaced-${now.toISOString().replace(/[:.]/g, '-')}`
    renameSync(target, replaced)
    for (const suffix of SIDE_FILES) {
      if (existsSync(target + suffix))
        renameSync(target + suffix, replaced + suffix)
    }
  }
  // Copied under another name and renamed: Pulse never finds half a file at its path.
  copyFileSync(file, `${target}.restoring`)
  renameSync(`${target}.restoring`, target)
  return { restored: target, replaced, ...check }
}
