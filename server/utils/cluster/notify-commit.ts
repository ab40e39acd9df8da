import type { Transaction } from 'kysely'
import type { Database } from '../db/schema'
import { sql } from 'kysely'
import { EVENTS_CHANNEL, notificationPayload } from './channel'

/**
 * Tells the other instances that the store's log now reaches `seq`. PostgreSQL delivers a NOTIFY only
 * if and when the transaction commits: the other instances hear of exactly the committed seqs, and read
 * the events themselves from the log.
 */
export async function notifyCommit(trx: Transaction<Database>, storeId: string, seq: number): Promise<void> {
  await sql`select pg_notify(${EVENTS_CHANNEL}, ${notificationPayload(storeId, seq)})`.execute(trx)
}
