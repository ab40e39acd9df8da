// "Last seen" times are written at most once a minute per principal and instance: a request is not a write.
const TOUCH_EVERY_MS = 60_000
const MAX_ENTRIES = 10_000
const touched = new Map<string, number>()

/** Marks `key` as touched now (a write that just recorded its last use). */
export function markTouched(key: string, now: number = Date.now()): void {
  if (touched.size >= MAX_ENTRIES)
    touched.clear()
  touched.set(key, now)
}

/** Forgets `key`, so that its next use is due at once. */
export function forgetTouch(key: string): void {
  touched.delete(key)
}

/** True when `key` was not touched in the last minute on this instance (and marks it touched). */
export function isTouchDue(key: string): boolean {
  const now = Date.now()
  if ((touched.get(key) ?? 0) > now - TOUCH_EVERY_MS)
    return false
  markTouched(key, now)
  return true
}

/** True when `key` was touched in the last minute on this instance: isTouchDue would say no (nothing is marked). */
export function isTouchedRecently(key: string): boolean {
  return (touched.get(key) ?? 0) > Date.now() - TOUCH_EVERY_MS
}
