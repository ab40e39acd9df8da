/** How long past a missed heartbeat a silent stream still counts as alive (heartbeat + 15 s: a slow network is not a dead one). */
export const STALL_GRACE_MS = 15_000
/** The server's heartbeat until its `connected` frame says otherwise (`PULSE_HEARTBEAT_MS`'s default). */
export const DEFAULT_HEARTBEAT_MS = 30_000

/** How long a stream may stay without a byte before it is treated as lost. */
export function stallTimeoutMs(heartbeatMs: number | undefined, graceMs = STALL_GRACE_MS): number {
  const beat = heartbeatMs !== undefined && Number.isFinite(heartbeatMs) && heartbeatMs > 0 ? heartbeatMs : DEFAULT_HEARTBEAT_MS
  return beat + graceMs
}
