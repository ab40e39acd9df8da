import type { BackfillStatus } from '~shared/types/api'

// Table of the history import of a connection.

export interface ConnectionBackfillsTable {
  connection_id: string
  store_id: string
  status: BackfillStatus
  since: string
  run_id: string
  cursor: string | null
  imported: number
  skipped: number
  other_currency: number
  started_at: string
  finished_at: string | null
  heartbeat_at: string
  error: string | null
}

export interface BackfillTables {
  connection_backfills: ConnectionBackfillsTable
}
