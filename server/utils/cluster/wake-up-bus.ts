import type { Transaction } from 'kysely'
import type { Database } from '../db/schema'

/**
 * How the instances of a cluster tell each other that a store has committed events. A wake-up carries
 * only `storeId:seq`: the woken instance reads the events from the log, so a lost or late wake-up delays
 * delivery but loses nothing (the bus's `resync` catches the stores up after anything may have been lost).
 */
export interface WakeUpBus {
  readonly name: 'pg-notify' | 'nats'
  /** Inside the write's transaction: PostgreSQL delivers a NOTIFY on commit only. */
  announceInTransaction: (trx: Transaction<Database>, storeId: string, seq: number) => Promise<void>
  /**
   * After the commit: a message sent before it could wake an instance that then finds nothing. What it
   * sends goes out in a microtask at the latest (publish-store-writes.ts relies on it).
   */
  announceCommitted: (storeId: string, seq: number) => void
  /**
   * A principal's access to a store changed (role, membership): the other instances close its streams
   * there at once, to reconnect under the new access. At most once: a lost message leaves them to the
   * heartbeat and to every request's own check of the membership.
   */
  announceAccessChanged: (storeId: string, principalId: string) => void
  /** Asks the other instances to send `reset` to the store's streams (best effort: a lost one leaves figures to the next reload). */
  announceReset: (storeId: string) => void
  /**
   * A person joined a store: the instances holding their streams over all their stores take it in. A bus
   * that routes per store cannot reach them on the store's subject (they may not stream it yet), so it
   * routes this per person.
   */
  announceJoined: (storeId: string, principalId: string) => void
  /** The first stream over all stores of a person opened on this instance: a bus that routes per person subscribes. */
  watchPrincipal: (principalId: string) => void
  unwatchPrincipal: (principalId: string) => void
  /** The first stream of a store opened on this instance: a bus that routes per store subscribes. */
  watch: (storeId: string) => void
  /** The last stream of the store closed: it unsubscribes. */
  unwatch: (storeId: string) => void
  stop: () => Promise<void>
}

/** What a bus calls on this instance. */
export interface WakeUpHandlers {
  /** Another instance committed `storeId` up to `seq`. */
  wake: (storeId: string, seq: number) => void
  /** Another instance changed a principal's access to a store. */
  accessChanged: (storeId: string, principalId: string) => void
  /** Another instance asked for a `reset` of the store's streams. */
  reset: (storeId: string) => void
  /** Wake-ups for these stores (every store streamed here by default) may have been lost: catch them up from the log. */
  resync: (storeIds?: string[]) => void | Promise<void>
}
