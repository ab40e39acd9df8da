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
