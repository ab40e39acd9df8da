/** How long a toast stays after its last event. */
export const TOAST_MS = 5000
/** The longest a toast stays however many events keep joining it (then the next event opens a new one). */
export const TOAST_MAX_MS = 10_000

/**
 * When a toast closes: 5 s after its latest event, but never later than 10 s after it opened, so a busy
 * shop's merged toast ("33 new orders") still leaves the screen.
 */
export function toastDeadline(openedAt: number, now: number, lifeMs = TOAST_MS, maxMs = TOAST_MAX_MS): number {
  return Math.min(now + lifeMs, openedAt + maxMs)
}

/** Whether an event arriving `now` may still join a toast opened at `openedAt` (it has life left to show it). */
export function canJoin(openedAt: number, now: number, maxMs = TOAST_MAX_MS, minShowMs = 1500): boolean {
  return openedAt + maxMs - now >= minShowMs
}

/**
 * The toasts to show after a change: `current`, with those of `previous` that it no longer holds kept in
 * their places, marked `leaving` (as copies), while they fade out.
 */
export function withLeaving<T extends { id: number }>(previous: ReadonlyArray<T & { leaving?: boolean }>, current: readonly T[]): Array<T & { leaving?: boolean }> {
  const kept = new Set(current.map(toast => toast.id))
  const result: Array<T & { leaving?: boolean }> = []
  let next = 0
  for (const old of previous) {
    if (!kept.has(old.id)) {
      result.push(old.leaving ? old : { ...old, leaving: true })
      continue
    }
    while (next < current.length) {
      const toast = current[next++]
      result.push(toast)
      if (toast.id === old.id)
        break
    }
  }
  result.push(...current.slice(next))
  return result
}
