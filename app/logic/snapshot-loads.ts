/**
 * Loads of figures that live events move: events that arrive while a load is in flight are held, to be
 * replayed on what it brings, and a load that a newer one overtook is ignored when it answers.
 */
export class SnapshotLoads<E> {
  private generation = 0
  private inFlight = false
  private held: E[] = []

  /** Starts a load; its ticket tells later whether it is still the newest. */
  start(): number {
    this.inFlight = true
    return ++this.generation
  }

  isCurrent(ticket: number): boolean {
    return ticket === this.generation
  }

  /** Holds `event` while a load is in flight (true); otherwise it is the caller's to apply (false). */
  hold(event: E): boolean {
    if (this.inFlight)
      this.held.push(event)
    return this.inFlight
  }

  /** Whether events are held (a load in flight has something to replay). */
  holding(): boolean {
    return this.held.length > 0
  }

  /** The events held so far, which are forgotten here. */
  take(): E[] {
    const held = this.held
    this.held = []
    return held
  }

  /** The load of `ticket` is done: if it is still the newest, nothing is in flight any more. */
  finish(ticket: number): void {
    if (!this.isCurrent(ticket))
      return
    this.inFlight = false
    this.held = []
  }

  /** Forgets every load: those in flight answer stale, and nothing is held. */
  reset(): void {
    this.generation++
    this.inFlight = false
    this.held = []
  }
}
