import pg from 'pg'
import { useDb } from '../db/connection'
import { readLastSeq } from '../events/event-log'
import { listChannelStores, notifyCommitted } from '../events/hub'
import { EVENTS_CHANNEL, parseNotification } from './channel'

let client: pg.Client | undefined
let stopped = false
let retryTimer: NodeJS.Timeout | undefined

/**
 * A dedicated connection that LISTENs for commits made by any instance. A notification carries only
 * `storeId:seq`; the hub reads the events themselves from the log, so a lost or coalesced notification
 * loses nothing. After a reconnect the hub catches up every store it streams from the log.
 */
export function startPgListener(url: string, onReady?: () => void): void {
  stopped = false
  void connect(url, 0, onReady)
}

async function connect(url: string, attempt: number, onReady?: () => void): Promise<void> {
  const connection = new pg.Client({ connectionString: url, application_name: `pulse-listener-${process.pid}` })
  const retry = () => {
    if (stopped || client !== connection)
      return
    client = undefined
    const delay = Math.min(5000, 100 * 2 ** attempt)
    retryTimer = setTimeout(() => void connect(url, attempt + 1, onReady), delay)
    retryTimer.unref()
  }
  client = connection
  connection.on('error', (error) => {
    console.error('[cluster] listener connection failed:', error.message)
    connection.end().catch(() => {})
    retry()
  })
  connection.on('end', retry)
  connection.on('notification', (message) => {
    const commit = parseNotification(message.payload)
    if (commit)
      notifyCommitted(commit.storeId, commit.seq)
  })
  try {
    await connection.connect()
    await connection.query(`LISTEN ${EVENTS_CHANNEL}`)
    attempt = 0
    console.log('[cluster] listening for events from other instances')
    await catchUpAllStores()
    onReady?.()
  }
  catch (error) {
    console.error('[cluster] could not listen:', (error as Error).message)
    connection.end().catch(() => {})
    retry()
  }
}

/** Whatever was committed while the listener was down is in the log: deliver it now. */
async function catchUpAllStores(): Promise<void> {
  const db = await useDb()
  for (const storeId of listChannelStores())
    notifyCommitted(storeId, await readLastSeq(db, storeId))
}

export async function stopPgListener(): Promise<void> {
  stopped = true
  clearTimeout(retryTimer)
  const current = client
  client = undefined
  await current?.end().catch(() => {})
}
