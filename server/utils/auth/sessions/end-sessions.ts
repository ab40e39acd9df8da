import { revokeSession } from './sessions'

/** Lets go of what ended sessions held elsewhere (their devices' pushes, their open streams). */
export type SessionsEndedHook = (ids: Set<string>) => void | Promise<void>

// Hooks rather than imports: what sessions hold lives in modules that depend on sessions, so they
// register here at start (server/plugins/1.session-hooks.ts), in the order they run.
const hooks: SessionsEndedHook[] = []

export function onSessionsEnded(hook: SessionsEndedHook): void {
  hooks.push(hook)
}

/**
 * Ends sessions of a user: their tokens stop working at once, then every hook runs (the devices they
 * subscribed stop receiving pushes, their streams close on this instance now, on others at their next
 * heartbeat).
 */
export async function endSessions(userId: string, ids: Set<string>): Promise<void> {
  await Promise.all([...ids].map(id => revokeSession(id, userId)))
  for (const hook of hooks) await hook(ids)
}
