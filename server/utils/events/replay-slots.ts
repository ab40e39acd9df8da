import type { ReleaseSlot } from '../limits/keyed-slots'
import type { StreamClient } from './stream-client'
import { useConfig } from '../config'
import { KeyedSlots } from '../limits/keyed-slots'
import { streamMetrics } from './metrics'

/** Events read from the log at a time, for one store, by a replay. */
export const REPLAY_PAGE = 500
const REPLAY_STALL_MS = 30_000

const replays = new KeyedSlots(() => useConfig().replaysPerStore, () => useConfig().replaysPerInstance)

/**
 * Waits for a slot to replay this store's event log to one stream: at most `PULSE_REPLAYS_PER_STORE`
 * replays of a store at once and `PULSE_REPLAYS_PER_INSTANCE` on this instance, first come first
 * served. A device that reopens many streams from an old seq replays them one after another instead of
 * taking the event loop from other stores; its streams are open (`connected`) meanwhile, their live
 * events held back until their replay is done.
 */
export function claimReplaySlot(storeId: string): Promise<ReleaseSlot> {
  return replays.claim(storeId)
}

/** Replays running and waiting on this instance (gauges of the metrics), and those that waited since start. */
export function replayCounts(): { running: number, waiting: number, waitedTotal: number } {
  return { running: replays.running, waiting: replays.queued, waitedTotal: replays.waitedTotal }
}

/**
 * Waits until the client has taken most of what it was sent. A client that stops reading would hold
 * its store's replay slot: after REPLAY_STALL_MS it is dropped as slow, and this answers false.
 */
export async function drainedForReplay(client: StreamClient): Promise<boolean> {
  if (await client.drained(REPLAY_STALL_MS))
    return true
  streamMetrics.droppedSlow++
  client.close('slow')
  return false
}
