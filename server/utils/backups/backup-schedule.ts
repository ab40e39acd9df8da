import { mkdirSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { countBackup } from './backup-metrics'
import { backupSqlite } from './backup-sqlite'

export interface BackupSchedule { dir: string, everyMs: number, keep: number, sourceFile: string }

const BACKUP_NAME = /^pulse-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.sqlite$/

let timer: NodeJS.Timeout | undefined
let running: Promise<void> | undefined

/** `pulse-2026-12-06T02-00-00-000Z.sqlite`: names sort as the times they carry. */
export function backupFileName(at: Date): string {
  return `pulse-${at.toISOString().replace(/[:.]/g, '-')}.sqlite`
}

/** Removes all but the `keep` newest scheduled backups in `dir` (other files are left alone). */
export function removeOldBackups(dir: string, keep: number): string[] {
  const backups = readdirSync(dir).filter(name => BACKUP_NAME.test(name)).sort()
  const old = backups.slice(0, Math.max(0, backups.length - keep))
  for (const name of old) rmSync(join(dir, name), { force: true })
  return old
}

async function backUpOnce({ dir, keep, sourceFile }: BackupSchedule): Promise<void> {
  try {
    mkdirSync(dir, { recursive: true })
    const result = await backupSqlite(sourceFile, join(dir, backupFileName(new Date())))
    removeOldBackups(dir, keep)
    countBackup('success')
    console.log(`[pulse] backup written: ${result.file} (${result.bytes} bytes, ${result.ms} ms)`)
  }
  catch (error) {
    // A failed backup must never take the server down: it is logged and counted, and the next one runs.
    countBackup('failure')
    console.error('[pulse] backup failed:', (error as Error).message)
  }
}

/** Backs up the SQLite file now and then every `everyMs`; a backup never overlaps the one before. */
export function startScheduledBackups(schedule: BackupSchedule): void {
  if (running)
    return
  const run = () => {
    running = backUpOnce(schedule).finally(() => {
      if (running)
        timer = setTimeout(run, schedule.everyMs).unref()
    })
  }
  run()
}

export async function stopScheduledBackups(): Promise<void> {
  const current = running
  running = undefined
  clearTimeout(timer)
  await current
}
