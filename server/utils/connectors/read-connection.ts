import type { Platform } from '~shared/domain'
import type { Db } from '../db/connection'
import type { ConnectionsTable } from '../db/connector-tables'
import { SqliteAdapter } from 'kysely'
import { precompile } from '../db/precompiled-query'

const selectConnection = precompile((db, id: string, platform: string) => db.selectFrom('connections').selectAll().where('id', '=', id).where('platform', '=', platform as Platform))

interface Remembered {
  rows: Map<string, ConnectionsTable>
  /** Counts the changes: a read that a change overtook is not remembered. */
  changes: number
}

// A bound on memory, far above the connections one instance serves; past it, start again.
const MAX_REMEMBERED = 10_000

const rememberedByDb = new WeakMap<Db, Remembered>()

function rememberedOf(db: Db): Remembered | undefined {
  // On SQLite one process owns the database and every change of a connection goes through it
  // (forgetConnection), so a row it has read stays right. On PostgreSQL another instance may rotate a
  // secret or delete the connection at any time: every delivery reads the row.
  if (!(db.getExecutor().adapter instanceof SqliteAdapter))
    return undefined
  let remembered = rememberedByDb.get(db)
  if (!remembered) {
    remembered = { rows: new Map(), changes: 0 }
    rememberedByDb.set(db, remembered)
  }
  return remembered
}

/**
 * The connection a delivery is addressed to, or undefined. Every delivery needs it before anything else
 * (its secret verifies the signature), so on SQLite the row read once serves the deliveries after it;
 * unknown ids are never remembered.
 */
export async function readConnection(db: Db, id: string, platform: string): Promise<ConnectionsTable | undefined> {
  const remembered = rememberedOf(db)
  const known = remembered?.rows.get(id)
  if (known)
    return known.platform === platform ? known : undefined
  const changes = remembered?.changes
  const [row] = await selectConnection(db, id, platform)
  if (row && remembered && remembered.changes === changes) {
    if (remembered.rows.size >= MAX_REMEMBERED)
      remembered.rows.clear()
    remembered.rows.set(id, row)
  }
  return row
}

/** After any change of the connection's row (its secret, name, last event, or its removal): the next delivery reads it again. */
export function forgetConnection(db: Db, id: string): void {
  const remembered = rememberedByDb.get(db)
  if (!remembered)
    return
  remembered.changes++
  remembered.rows.delete(id)
}
