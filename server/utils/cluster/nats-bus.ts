import type { NatsConnection, Subscription } from '@nats-io/transport-node'
import type { WakeUpBus, WakeUpHandlers } from './wake-up-bus'
import { connect } from '@nats-io/transport-node'

const SUBJECT_PREFIX = 'pulse.store.'
// On a store's subject beside `storeId:seq` wake-ups: `access:<principalId>`, an access change.
const ACCESS_PREFIX = 'access:'

// A person's own subject carries `joined:<storeId>`: the instances with their streams over all stores listen.
const PRINCIPAL_PREFIX = 'pulse.principal.'
const JOINED_PREFIX = 'joined:'

export function storeSubject(storeId: string): string {
  return `${SUBJECT_PREFIX}${storeId}`
}

/**
 * The wake-up bus on NATS: a commit publishes `storeId:seq` on the store's own subject, and an instance
 * subscribes only to the stores it streams, so its wake-ups follow its own streams rather than every
 * commit of the cluster. Core NATS delivers at most once, so the bus resyncs the watched stores after a
 * reconnect, after each new subscription reaches the server, and every `sweepMs` (a message lost while
 * its publisher was disconnected costs at most that long, never an event).
 */
export function createNatsBus(url: string, handlers: WakeUpHandlers, { sweepMs = 5000 } = {}): WakeUpBus {
  // null: watched, subscribed once the connection is up.
  const subscriptions = new Map<string, Subscription | null>()
  let connection: NatsConnection | undefined
  let stopped = false

  const subscribe = (nc: NatsConnection, storeId: string): Subscription => nc.subscribe(storeSubject(storeId), {
    callback: (error, message) => {
      if (error)
        return
      const text = message.string()
      // Only instances that stream the store hear it, and only they have streams to close.
      if (text.startsWith(ACCESS_PREFIX)) {
        const principalId = text.slice(ACCESS_PREFIX.length)
        if (principalId)
          handlers.accessChanged(storeId, principalId)
        return
      }
      const part = text.split(':')[1]
      if (part === 'reset')
        return handlers.reset(storeId)
      const seq = Number(part)
      if (Number.isSafeInteger(seq))
        handlers.wake(storeId, seq)
    },
  })

  const principals = new Map<string, Subscription | null>()
  const subscribePrincipal = (nc: NatsConnection, principalId: string): Subscription => nc.subscribe(`${PRINCIPAL_PREFIX}${principalId}`, {
    callback: (error, message) => {
      const text = error ? '' : message.string()
      if (text.startsWith(JOINED_PREFIX))
        handlers.accessChanged(text.slice(JOINED_PREFIX.length), principalId)
    },
  })
  const publish = (subject: string, text: string) => {
    try {
      if (connection && !connection.isClosed())
        connection.publish(subject, text)
    }
    catch (error) {
      console.error('[cluster] NATS publish failed:', (error as Error).message)
    }
  }

  // A commit that lands between the channel's first read of its seq and the subscription's arrival at
  // the server is heard by no one: once the server has the subscription (flush), read the seq again.
  const resyncOnceSubscribed = (nc: NatsConnection, storeIds: string[]) => {
    nc.flush().then(() => handlers.resync(storeIds.filter(id => subscriptions.has(id))), () => {})
  }

  const sweep = setInterval(() => {
    if (subscriptions.size > 0)
      void handlers.resync([...subscriptions.keys()])
  }, sweepMs)
  sweep.unref()

  void (async () => {
    try {
      // No echo: this instance's own commits reach its streams directly.
      const nc = await connect({ servers: url, name: `pulse-${process.pid}`, noEcho: true, waitOnFirstConnect: true, maxReconnectAttempts: -1, reconnectTimeWait: 250 })
      if (stopped) {
        await nc.close()
        return
      }
      connection = nc
      console.log('[cluster] wake-ups on NATS')
      for (const storeId of subscriptions.keys()) subscriptions.set(storeId, subscribe(nc, storeId))
      for (const principalId of principals.keys()) principals.set(principalId, subscribePrincipal(nc, principalId))
      resyncOnceSubscribed(nc, [...subscriptions.keys()])
      for await (const status of nc.status()) {
        if (status.type === 'reconnect')
          void handlers.resync([...subscriptions.keys()])
        else if (status.type === 'disconnect')
          console.error('[cluster] NATS connection lost; reconnecting')
      }
    }
    catch (error) {
      console.error('[cluster] NATS failed:', (error as Error).message)
    }
  })()

  return {
    name: 'nats',
    announceInTransaction: async () => {},
    announceCommitted(storeId, seq) {
      // After the commit nothing may fail the write: a message not sent is made good by the sweep.
      try {
        if (connection && !connection.isClosed())
          connection.publish(storeSubject(storeId), `${storeId}:${seq}`)
      }
      catch (error) {
        console.error('[cluster] NATS publish failed:', (error as Error).message)
      }
    },
    announceAccessChanged(storeId, principalId) {
      try {
        if (connection && !connection.isClosed())
          connection.publish(storeSubject(storeId), `${ACCESS_PREFIX}${principalId}`)
      }
      catch (error) {
        console.error('[cluster] NATS publish failed:', (error as Error).message)
      }
    },
    announceReset(storeId) {
      try {
        if (connection && !connection.isClosed())
          connection.publish(storeSubject(storeId), `${storeId}:reset`)
      }
      catch (error) {
        console.error('[cluster] NATS publish failed:', (error as Error).message)
      }
    },
    announceJoined(storeId, principalId) {
      publish(`${PRINCIPAL_PREFIX}${principalId}`, `${JOINED_PREFIX}${storeId}`)
    },
    watchPrincipal(principalId) {
      if (!principals.has(principalId))
        principals.set(principalId, connection ? subscribePrincipal(connection, principalId) : null)
    },
    unwatchPrincipal(principalId) {
      principals.get(principalId)?.unsubscribe()
      principals.delete(principalId)
    },
    watch(storeId) {
      if (subscriptions.has(storeId))
        return
      if (!connection) {
        subscriptions.set(storeId, null)
        return
      }
      subscriptions.set(storeId, subscribe(connection, storeId))
      resyncOnceSubscribed(connection, [storeId])
    },
    unwatch(storeId) {
      subscriptions.get(storeId)?.unsubscribe()
      subscriptions.delete(storeId)
    },
    async stop() {
      stopped = true
      clearInterval(sweep)
      await connection?.drain().catch(() => {})
    },
  }
}
