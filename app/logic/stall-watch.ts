/** How long past a missed heartbeat a silent stream still counts as alive (issue 23: heartbeat + 15 s). */
export const STALL_GRACE_MS = 15_000
/** The server's heartbeat until its `connected` frame says otherwise (`PULSE_HEARTBEAT_MS`'s default). */
export const DEFAULT_HEARTBEAT_MS = 30_000

/** How long a stream may stay without a byte before it is treated as lost. */
export function stallTimeoutMs(heartbeatMs: number | undefined, graceMs = STALL_GRACE_MS): number {
  const beat = heartbeatMs !== undefined && Number.isFinite(heartbeatMs) && heartbeatMs > 0 ? heartbeatMs : DEFAULT_HEARTBEAT_MS
  return beat + graceMs
}

export interface StallTimers {
  setTimeout: (callback: () => void, ms: number) => unknown
  clearTimeout: (handle: any) => void
}

export interface StallWatch {
  /** Starts (or restarts) the wait: `onStall` runs once `timeoutMs` pass without a `touch`. */
  arm: (timeoutMs: number) => void
  /** Something arrived: the wait starts over with the last timeout. */
  touch: () => void
  stop: () => void
}

/**
 * A connection that stalls (a proxy or a network that stops forwarding without closing) never errors:
 * EventSource keeps waiting. The server writes a heartbeat, so silence longer than it means the
 * connection is gone; this watch says so.
 */
export function createStallWatch(onStall: () => void, timers: StallTimers = globalThis): StallWatch {
  let handle: unknown
  let timeout = 0
  const stop = () => {
    if (handle !== undefined)
      timers.clearTimeout(handle)
    handle = undefined
  }
  const arm = (ms: number) => {
    stop()
    timeout = ms
    handle = timers.setTimeout(() => {
      handle = undefined
      onStall()
    }, ms)
  }
  return {
    arm,
    touch: () => {
      if (handle !== undefined)
        arm(timeout)
    },
    stop,
  }
}
