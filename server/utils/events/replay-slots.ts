import type { ReleaseSlot } from '../limits/keyed-slots'
import { useConfig } from '../config'
import { KeyedSlots } from '../limits/keyed-slots'

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
