import type { WakeUpBus, WakeUpHandlers } from './wake-up-bus'
import pg from 'pg'
import { ACCESS_CHANNEL, accessPayload, EVENTS_CHANNEL, parseAccessPayload, parseNotification, resetPayload } from './channel'
import { notifyCommit } from './notify-commit'

/**
 * The default wake-up bus: `pg_notify` in the write's transaction (notify-commit.ts), which PostgreSQL
 * delivers on commit only, and one dedicated LISTEN connection per instance
 * (`application_name = pulse-listener-<pid>`). Every instance hears every commit of the cluster. The
 * connection reconnects by itself (100 ms doubling to 5 s) and then resyncs every streamed store.
 */
export function createPgNotifyBus(url: string, handlers: WakeUpHandlers): WakeUpBus {
  let client: pg.Client | undefined
  let stopped = false
  let retryTimer: NodeJS.Timeout | undefined

  async function listen(attempt: number): Promise<void> {
    const connection = new pg.Client({ connectionString: url, application_name: `pulse-listener-${process.pid}` })
    const retry = () => {
      if (stopped || client !== connection)
        return
      client = undefined
      retryTimer = setTimeout(() => void listen(attempt + 1), Math.min(5000, 100 * 2 ** attempt))
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
      if (message.channel === ACCESS_CHANNEL) {
        const change = parseAccessPayload(message.payload)
        if (change)
          handlers.accessChanged(change.storeId, change.principalId)
        return
      }
      const commit = parseNotification(message.payload)
      if (commit?.seq === 'reset')
        handlers.reset(commit.storeId)
      else if (commit)
        handlers.wake(commit.storeId, commit.seq)
    })
    try {
      await connection.connect()
      await connection.query(`LISTEN ${EVENTS_CHANNEL}`)
      await connection.query(`LISTEN ${ACCESS_CHANNEL}`)
      attempt = 0
      console.log('[cluster] listening for events from other instances')
      // Whatever was committed while the listener was down is in the log.
      await handlers.resync()
    }
    catch (error) {
      console.error('[cluster] could not listen:', (error as Error).message)
      connection.end().catch(() => {})
      retry()
    }
  }

  void listen(0)
  return {
    name: 'pg-notify',
    announceInTransaction: notifyCommit,
    announceCommitted: () => {},
    announceAccessChanged(storeId, principalId) {
      // Sent on the listening connection: it is already open, and a notification needs no transaction.
      client?.query('SELECT pg_notify($1, $2)', [ACCESS_CHANNEL, accessPayload(storeId, principalId)])
        .catch((error: Error) => console.error('[cluster] could not announce an access change:', error.message))
    },
    announceReset(storeId) {
      client?.query('select pg_notify($1, $2)', [EVENTS_CHANNEL, resetPayload(storeId)]).catch((error: Error) => console.error('[cluster] reset notification failed:', error.message))
    },
    // Every instance hears every notification: a join is an access change like any other.
    announceJoined(storeId, principalId) {
      this.announceAccessChanged(storeId, principalId)
    },
    watchPrincipal: () => {},
    unwatchPrincipal: () => {},
    watch: () => {},
    unwatch: () => {},
    async stop() {
      stopped = true
      clearTimeout(retryTimer)
      const current = client
      client = undefined
      await current?.end().catch(() => {})
    },
  }
}
