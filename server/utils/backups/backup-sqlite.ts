import type { SqliteFileCheck } from './check-sqlite-file'
import { chmodSync, existsSync, renameSync, rmSync, statSync } from 'node:fs'
import SQLite from 'better-sqlite3'
import { migrationNames } from '../db/migration-names'
import { checkSqliteFile } from './check-sqlite-file'

export interface BackupResult extends SqliteFileCheck { file: string, bytes: number, ms: number }

// better-sqlite3 copies 100 pages per step and lets the event loop run between steps; a write by
// another connection meanwhile makes SQLite start the copy over, so under steady writes it might never
// end. One step copies every page under one read transaction: a snapshot, while writers go on (WAL).
const ALL_PAGES = 0x7FFFFFFF

/**
 * Copies the SQLite database `sourceFile` to `toFile` with SQLite's online backup API while Pulse may
 * be running and writing, then checks the copy (integrity, migrations) and counts its rows. The copy is
 * written beside `toFile` and renamed into place only once checked.
 */
export async function backupSqlite(sourceFile: string, toFile: string): Promise<BackupResult> {
  if (!existsSync(sourceFile))
    throw new Error(`No database at ${sourceFile} (PULSE_DATA_DIR names the folder of pulse.sqlite)`)
  if (existsSync(toFile))
    throw new Error(`${toFile} already exists: choose a new file`)
  const started = performance.now()
  const partial = `${toFile}.partial`
  rmSync(partial, { force: true })
  const source = new SQLite(sourceFile, { fileMustExist: true, timeout: 5000 })
  try {
    await source.backup(partial, { progress: () => ALL_PAGES })
  }
  catch (error) {
    rmSync(partial, { force: true })
    throw error
  }
  finally {
    source.close()
  }
  let check: SqliteFileCheck
  try {
    // The copy keeps the source's WAL mode, in which even a read leaves -wal and -shm files beside it:
    // a backup is one self-contained file (Pulse turns WAL on again when it opens it).
    const copy = new SQLite(partial, { fileMustExist: true })
    copy.pragma('journal_mode = DELETE')
    copy.close()
    check = checkSqliteFile(partial, await migrationNames())
  }
  catch (error) {
    rmSync(partial, { force: true })
    throw error
  }
  // A backup holds password hashes and API key hashes: readable by Pulse's user only.
  chmodSync(partial, 0o600)
  renameSync(partial, toFile)
  return { file: toFile, bytes: statSync(toFile).size, ms: Math.round(performance.now() - started), ...check }
}
