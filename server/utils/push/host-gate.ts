import { usePushConfig } from '../config'
import { pushNow } from '../time/clock'

/** A push that was not sent because its push service is backed off: due again at `until`. */
export class HostBackedOff extends Error {
  constructor(readonly host: string, readonly until: number) {
    super(`push service ${host} is backed off`)
  }
}

interface HostState {
  active: number
  waiting: Array<{ resume: () => void, refuse: (error: Error) => void }>
  failures: number
  backedOffUntil: number
}

const hosts = new Map<string, HostState>()
const BACKOFF_MAX_MS = 300_000

function stateOf(host: string): HostState {
  let state = hosts.get(host)
  if (!state) {
    state = { active: 0, waiting: [], failures: 0, backedOffUntil: 0 }
    hosts.set(host, state)
  }
  return state
}

function refuseIfBackedOff(host: string, state: HostState): void {
  if (state.backedOffUntil > pushNow())
    throw new HostBackedOff(host, state.backedOffUntil)
}

/** Waits for one of the host's send slots (at most `hostConcurrency` at once). */
async function acquire(host: string, state: HostState): Promise<void> {
  refuseIfBackedOff(host, state)
  if (state.active < usePushConfig().hostConcurrency) {
    state.active++
    return
  }
  await new Promise<void>((resume, refuse) => state.waiting.push({ resume, refuse }))
}

function release(state: HostState): void {
  const next = state.waiting.shift()
  if (next)
    next.resume()
  else
    state.active--
}

/**
 * A send that got no answer (timeout, refused or reset connection): the host is backed off, doubling
 * from the send timeout up to 5 min with each failed round, and the pushes waiting for it go back to the outbox at once
 * instead of each waiting out its own timeout.
 */
function recordFailure(host: string, state: HostState): void {
  // Sends that fail together (they were in flight at once) are one failure, not one each.
  if (state.backedOffUntil <= pushNow())
    state.failures++
  const delay = Math.min(usePushConfig().sendTimeoutMs * 2 ** (state.failures - 1), BACKOFF_MAX_MS)
  state.backedOffUntil = Math.max(state.backedOffUntil, pushNow() + delay)
  for (const waiter of state.waiting.splice(0)) waiter.refuse(new HostBackedOff(host, state.backedOffUntil))
}

/**
 * Runs `send` to a push service's host within its limits: a few sends at a time per host (so one
 * slow service cannot take every connection), and none while the host is backed off after sends that
 * got no answer (`HostBackedOff`). `send` resolves with the HTTP status, 0 for no answer.
 */
export async function sendToHost<T extends { status: number }>(endpoint: string, send: () => Promise<T>): Promise<T> {
  const host = new URL(endpoint).host
  const state = stateOf(host)
  await acquire(host, state)
  try {
    const result = await send()
    if (result.status === 0) {
      recordFailure(host, state)
    }
    else {
      state.failures = 0
      state.backedOffUntil = 0
    }
    return result
  }
  finally {
    release(state)
    if (state.active === 0 && state.waiting.length === 0 && state.failures === 0)
      hosts.delete(host)
  }
}
