import { getSessionById } from '../auth/sessions'
import { useConfig } from '../config'
import { closeStreamsOfSessions, forEachClient } from './hub'
import { streamMetrics } from './metrics'
import { frame } from './sse-frames'

let timer: NodeJS.Timeout | undefined

/**
 * One timer for every stream of the process: each tick writes a heartbeat to every stream and closes
 * those whose session was revoked or expired (on any instance), so a sign-out ends its streams within
 * one heartbeat. The timer runs only while streams are open.
 */
export function startHeartbeat(): void {
  if (timer)
    return
  timer = setInterval(tick, useConfig().heartbeatMs)
  timer.unref()
}

export function stopHeartbeatIfIdle(): void {
  if (timer && streamMetrics.openStreams === 0) {
    clearInterval(timer)
    timer = undefined
  }
}

async function tick(): Promise<void> {
  const beat = frame('heartbeat', JSON.stringify({ at: new Date().toISOString() }))
  const sessions = new Set<string>()
  forEachClient((client) => {
    sessions.add(client.sessionId)
    client.beat(beat)
  })
  const revoked = new Set<string>()
  for (const id of sessions) {
    try {
      if (!await getSessionById(id))
        revoked.add(id)
    }
    catch (error) {
      console.error('[stream] session check failed:', error)
    }
  }
  if (revoked.size > 0)
    closeStreamsOfSessions(revoked)
}
