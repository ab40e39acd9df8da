/** Frees a slot; calling it again does nothing. */
export type ReleaseSlot = () => void

/**
 * Slots of some costly work, at most `perKey()` at once per key (a store) and `total()` at once on
 * this instance. The limits are read at every claim, so configuration read lazily applies.
 */
export class KeyedSlots {
  private readonly used = new Map<string, number>()
  private inUse = 0
  /** Claims that had to wait for a slot, since start. */
  waitedTotal = 0
  private readonly waiting: Array<{ key: string, grant: (release: ReleaseSlot) => void }> = []

  constructor(private readonly perKey: () => number, private readonly total: () => number) {}

  /** Why a slot for `key` cannot be had now: `key` (its own limit), `total` (the instance's), or null. */
  blockedBy(key: string): 'key' | 'total' | null {
    if ((this.used.get(key) ?? 0) >= this.perKey())
      return 'key'
    return this.inUse >= this.total() ? 'total' : null
  }

  /** A slot now, or null when either limit is reached. */
  tryClaim(key: string): ReleaseSlot | null {
    return this.blockedBy(key) ? null : this.take(key)
  }

  /** A slot once one is free for `key`, first come first served per key. */
  claim(key: string): Promise<ReleaseSlot> {
    if (!this.blockedBy(key) && !this.waiting.some(waiter => waiter.key === key))
      return Promise.resolve(this.take(key))
    this.waitedTotal++
    return new Promise(grant => this.waiting.push({ key, grant }))
  }

  /** Slots in use on this instance. */
  get running(): number {
    return this.inUse
  }

  /** Claims waiting for a slot. */
  get queued(): number {
    return this.waiting.length
  }

  private take(key: string): ReleaseSlot {
    this.used.set(key, (this.used.get(key) ?? 0) + 1)
    this.inUse++
    let released = false
    return () => {
      if (released)
        return
      released = true
      const left = (this.used.get(key) ?? 1) - 1
      if (left === 0)
        this.used.delete(key)
      else
        this.used.set(key, left)
      this.inUse--
      this.grantWaiting()
    }
  }

  private grantWaiting(): void {
    for (let i = 0; i < this.waiting.length;) {
      const waiter = this.waiting[i]
      if (this.blockedBy(waiter.key)) {
        i++
        continue
      }
      this.waiting.splice(i, 1)
      waiter.grant(this.take(waiter.key))
    }
  }
}
