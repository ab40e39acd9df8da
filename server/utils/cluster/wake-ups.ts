import type { WakeUpBus } from './wake-up-bus'
import { useConfig } from '../config'
import { closeStreamsOfPrincipal, countStreams, listChannelStores, notifyCommitted, resetStreams, watchChannels } from '../events/hub'
import { streamMetrics } from '../events/metrics'
import { admitToMultiStreams, listWatchedPrincipals, watchPrincipals } from '../events/multi-stream'
import { catchUpStores } from './catch-up'
import { createNatsBus } from './nats-bus'
import { createPgNotifyBus } from './pg-notify-bus'

let bus: WakeUpBus | undefined

function wake(storeId: string, seq: number): void {
  streamMetrics.wakeUps++
  if (countStreams(storeId) === 0)
    streamMetrics.wakeUpsUnstreamed++
  notifyCommitted(storeId, seq)
}

/**
 * Starts the cluster's wake-up bus: NATS when PULSE_NATS_URL is set, PostgreSQL NOTIFY on `databaseUrl`
 * otherwise. The hub tells it which stores this instance streams.
 */
export function startWakeUps(databaseUrl: string): WakeUpBus {
  const { natsUrl, wakeUpSweepMs } = useConfig()
  const handlers = {
    wake,
    resync: catchUpStores,
    accessChanged(storeId: string, principalId: string) {
      closeStreamsOfPrincipal(storeId, principalId)
      admitToMultiStreams(storeId, principalId)
    },
    reset: resetStreams,
  }
  const started = natsUrl ? createNatsBus(natsUrl, handlers, { sweepMs: wakeUpSweepMs }) : createPgNotifyBus(databaseUrl, handlers)
  bus = started
  for (const storeId of listChannelStores()) started.watch(storeId)
  watchChannels({ opened: storeId => started.watch(storeId), closed: storeId => started.unwatch(storeId) })
  for (const principalId of listWatchedPrincipals()) started.watchPrincipal(principalId)
  watchPrincipals({ opened: principalId => bus?.watchPrincipal(principalId), closed: principalId => bus?.unwatchPrincipal(principalId) })
  return started
}

/** The running bus; none on SQLite (one instance). */
export function useWakeUpBus(): WakeUpBus | undefined {
  return bus
}

/** `reset` to the store's streams on this instance and, through the bus, on the others. */
export function resetStreamsEverywhere(storeId: string): void {
  resetStreams(storeId)
  bus?.announceReset(storeId)
}

export async function stopWakeUps(): Promise<void> {
  const current = bus
  bus = undefined
  await current?.stop()
}

/** A person joined a store on this instance: the others take it into their streams over all the person's stores. */
export function announceJoined(storeId: string, principalId: string): void {
  bus?.announceJoined(storeId, principalId)
}

/**
 * A principal's access to a store changed on this instance: the other instances close its streams there
 * at once (this one closes its own). Nothing to tell on SQLite (one instance).
 */
export function announceAccessChanged(storeId: string, principalId: string): void {
  bus?.announceAccessChanged(storeId, principalId)
}
