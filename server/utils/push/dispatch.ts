import type { Db } from '../db/connection'
import type { PushOutboxTable } from '../db/push-tables'
import { usePushConfig } from '../config'
import { deliver } from './deliver'

/**
 * The claimed pushes this instance is sending. The worker hands them over and goes on deciding and
 * claiming: no store's push waits for another store's batch (a push service that never answers holds
 * only its own sends, within its host's limits, see host-gate.ts). Each device still gets its pushes in
 * the order they were decided.
 */
export class PushDispatcher {
  private readonly inFlight = new Set<string>()
  private readonly tails = new Map<string, Promise<void>>()

  constructor(private readonly db: Db, private readonly settled: () => void) {}

  /** Whether as many pushes as `PULSE_PUSH_MAX_IN_FLIGHT` are being sent: claim no more until one settles. */
  get full(): boolean {
    return this.inFlight.size >= usePushConfig().maxInFlight
  }

  dispatch(rows: PushOutboxTable[]): void {
    for (const row of [...rows].sort((a, b) => a.not_before.localeCompare(b.not_before) || a.id.localeCompare(b.id))) {
      // Claimed again after its lease ran out while it is still being sent here.
      if (this.inFlight.has(row.id))
        continue
      this.inFlight.add(row.id)
      const tail: Promise<void> = (this.tails.get(row.subscription_id) ?? Promise.resolve())
        .then(() => deliver(this.db, row))
        .catch(error => console.error('[push] delivery failed:', error))
        .finally(() => {
          this.inFlight.delete(row.id)
          if (this.tails.get(row.subscription_id) === tail)
            this.tails.delete(row.subscription_id)
          this.settled()
        })
      this.tails.set(row.subscription_id, tail)
    }
  }

  /** Resolves once every push handed over so far has settled. */
  async idle(): Promise<void> {
    while (this.tails.size > 0)
      await Promise.allSettled([...this.tails.values()])
  }
}
