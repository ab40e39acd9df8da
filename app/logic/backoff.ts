export interface BackoffOptions {
  /**
   * Delay before the first retry, before jitter (the first retry waits between half of it and all of it).
   * @default 1000
   */
  baseMs?: number
  /**
   * Longest delay.
   * @default 60000
   */
  maxMs?: number
  /**
   * Growth per attempt.
   * @default 2
   */
  factor?: number
  /**
   * Source of randomness in [0, 1).
   * @default Math.random
   */
  random?: () => number
}

/**
 * Exponential backoff with "equal jitter": the delay before retry `attempt` (0 = the first) lies in
 * [cap / 2, cap] where cap = min(maxMs, baseMs * factor^attempt). Never 0, so a server that fails at once
 * is not hammered; never above maxMs; and many clients dropped together spread their reconnects out.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const { baseMs = 1000, maxMs = 60_000, factor = 2, random = Math.random } = options
  const cap = Math.min(maxMs, baseMs * factor ** Math.max(0, attempt))
  return Math.round(cap / 2 + random() * (cap / 2))
}
