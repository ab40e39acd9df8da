import type { Commit } from '../events/hub'
import type { LockedStore } from './types'
import { performance } from 'node:perf_hooks'
import { useWakeUpBus } from '../cluster/wake-ups'
import { publishCommits } from '../events/hub'

/**
 * After the commit: wakes the other instances when the bus sends after commits (NATS), then hands the
 * stores' new events to the hub, which streams them on this instance. A failure there leaves the commit
 * standing: streams that miss these events find them in the log when they reconnect.
 *
 * In a cluster the hand-over waits one microtask: the NATS client writes what was published in the
 * microtask before it, so the other instances are woken before this instance's own flush round (up to
 * 100 ms and more with thousands of streams) rather than after it. Writers are answered after both.
 */
export function publishStoreWrites(stores: Iterable<LockedStore>): void {
  const committedAt = performance.now()
  const bus = useWakeUpBus()
  const commits: Commit[] = []
  for (const store of stores) {
    if (store.events.length === 0)
      continue
    bus?.announceCommitted(store.row.id, store.lastSeq)
    for (const event of store.events) event.committedAt = committedAt
    commits.push({ storeId: store.row.id, events: store.events })
  }
  if (!bus) {
    publishCommits(commits)
    return
  }
  queueMicrotask(() => {
    try {
      publishCommits(commits)
    }
    catch (error) {
      console.error('[stream] could not publish committed events:', error)
    }
  })
}
