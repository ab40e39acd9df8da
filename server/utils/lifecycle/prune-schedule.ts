import { useConfig } from '../config'
import { pruneDeliveries } from '../connectors/prune-deliveries'
import { useDb } from '../db/connection'
import { pruneEvents } from '../events/event-log'

let timer: NodeJS.Timeout | undefined

/** Prunes the event log past `PULSE_EVENT_RETENTION` (and webhook payloads past 30 days) on start and then hourly. */
export function startEventPruning(): void {
  if (timer)
    return
  const prune = async () => {
    try {
      await pruneEvents(await useDb(), useConfig().eventRetentionMs)
      await pruneDeliveries(await useDb())
    }
    catch (error) {
      console.error('[pulse] event pruning failed:', error)
    }
  }
  void prune()
  timer = setInterval(prune, 3_600_000)
  timer.unref()
}

export function stopEventPruning(): void {
  clearInterval(timer)
  timer = undefined
}
