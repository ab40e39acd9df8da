import { encodeCursor } from '~shared/stream-cursor'

/** Where a stream resumes: the seq of one store, or a cursor (`m2.…`) over every store received. */
export interface PlaceOptions {
  /** The signed-in store: a stream of its own resumes from its seq. */
  storeId: () => string | undefined
  /** The stream follows every store (`?stores=all`): it resumes with a cursor over all of them. */
  allStores: () => boolean
}

/**
 * The seq received last of each store, whichever stream carried it (the store's own or one over every
 * store, here or relayed by the leader tab): an event is taken once per store and seq, and a reconnect
 * resumes each store from its own seq when the stream changes between one store and all of them.
 */
export class StreamPlace {
  private readonly seqs = new Map<string, number>()

  constructor(private readonly options: PlaceOptions) {}

  /** Records the event's seq; false when its store's seq had already reached it (received twice). */
  take(event: { storeId: string, seq: number }): boolean {
    const last = this.seqs.get(event.storeId)
    if (last !== undefined && event.seq <= last)
      return false
    this.seqs.set(event.storeId, event.seq)
    return true
  }

  /** A store starts again from `lastSeq` (a reset: what came before cannot be replayed). */
  restart(storeId: string | undefined, lastSeq: number): void {
    const id = storeId ?? this.options.storeId()
    if (id)
      this.seqs.set(id, lastSeq)
  }

  /**
   * The stream connected at these seqs (`stores` on a stream over several, `lastSeq` on the store's own):
   * a store first seen starts there; one already seen resumes by itself.
   */
  connected(info: { lastSeq?: number, stores?: ReadonlyArray<{ storeId: string, lastSeq: number }> }): void {
    const storeId = this.options.storeId()
    const stores = info.stores ?? (storeId && info.lastSeq !== undefined ? [{ storeId, lastSeq: info.lastSeq }] : [])
    for (const { storeId, lastSeq } of stores) {
      if (!this.seqs.has(storeId))
        this.seqs.set(storeId, lastSeq)
    }
  }

  /** The seq received last of a store. */
  seqOf(storeId: string | undefined): number | undefined {
    return storeId ? this.seqs.get(storeId) : undefined
  }

  /**
   * The `Last-Event-ID` to connect with, or undefined when nothing was received yet. `snapshotSeq`: the
   * seq of the figures loaded before any event came, where the signed-in store starts.
   */
  resumeId(snapshotSeq?: number): string | undefined {
    const storeId = this.options.storeId()
    if (snapshotSeq !== undefined && storeId && !this.seqs.has(storeId))
      this.seqs.set(storeId, snapshotSeq)
    if (this.options.allStores())
      return this.seqs.size > 0 ? encodeCursor(this.seqs) : undefined
    const seq = this.seqOf(this.options.storeId())
    return seq === undefined ? undefined : String(seq)
  }
}
