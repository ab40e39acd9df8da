import type { CloseReason } from './stream-client'
import { StreamClient } from './stream-client'

/** What a tap hands its frames to: the one connection of a stream over several stores (multi-stream.ts). */
export interface TapOwner {
  forward: (tap: StoreTap, frame: Buffer) => boolean
  beat: (frame: Buffer) => void
  drained: (timeoutMs?: number) => Promise<boolean>
  /** Access to the tap's store may have changed: the owner checks it and closes the tap if it is gone. */
  recheck: (tap: StoreTap) => void
  tapClosed: (tap: StoreTap) => void
}

/**
 * One store's share of a stream over several stores: to its store's channel it is a stream like any other
 * (seq order, replay seam, limits), but its frames go to the owner's connection, which gives each the
 * cursor of every store as its id.
 */
export class StoreTap extends StreamClient {
  constructor(private readonly owner: TapOwner, storeId: string, sessionId: string, maxBuffer: number, onClose: (client: StreamClient) => void, principalId: string) {
    super(storeId, sessionId, maxBuffer, (client) => {
      onClose(client)
      owner.tapClosed(client as unknown as StoreTap)
    }, principalId)
  }

  override get followsSession(): boolean {
    return false
  }

  override write(frame: Buffer): boolean {
    return !this.closed && this.owner.forward(this, frame)
  }

  override beat(frame: Buffer): void {
    this.owner.beat(frame)
  }

  override drained(timeoutMs?: number): Promise<boolean> {
    return this.owner.drained(timeoutMs)
  }

  /**
   * A sign-out, a role change or a removal closes a principal's streams in a store (hub): a tap asks its
   * owner to check its access instead, so that a change that leaves the access in place (a role change,
   * the session switching stores) loses nothing.
   */
  override close(reason: CloseReason): void {
    if (reason === 'signed_out')
      this.owner.recheck(this)
    else
      super.close(reason)
  }

  /** Ends the tap for good (its access is gone, or the connection closed). */
  endTap(reason: CloseReason): void {
    super.close(reason)
  }
}
