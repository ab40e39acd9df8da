// Commit listeners (the push worker): told the store of every commit this instance hears of, after
// the commit. A listener only wakes up and reads the log itself; it never delays the streams. Kept
// apart from the hub so that the listeners never depend on the streams, nor the streams on them.
const commitListeners = new Set<(storeId: string) => void>()

export function onCommitted(listener: (storeId: string) => void): () => void {
  commitListeners.add(listener)
  return () => commitListeners.delete(listener)
}

export function tellCommitListeners(storeId: string): void {
  for (const listener of commitListeners) {
    try {
      listener(storeId)
    }
    catch (error) {
      console.error('[hub] commit listener failed:', error)
    }
  }
}
