import type { StreamClient } from './stream-client'
import { getSessionById } from '../auth/sessions/sessions'
import { useConfig } from '../config'
import { forEachClient } from './hub'
import { streamMetrics } from './metrics'
import { frame } from './sse-frames'

let timer: NodeJS.Timeout | undefined

/**
 * One timer for every stream of the process: each tick writes a heartbeat to every stream and closes
 * those whose session was revoked or expired, or moved to another store (on any instance), so a sign-out
 * or a switch ends its streams within one heartbeat. The timer runs only while streams are open.
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
  const streamsBySession = new Map<string, StreamClient[]>()
  forEachClient((client) => {
    const streams = streamsBySession.get(client.sessionId)
    if (streams)
      streams.push(client)
    else
      streamsBySession.set(client.sessionId, [client])
    client.beat(beat)
  })
  for (const [id, streams] of streamsBySession) {
    try {
      const session = await getSessionById(id)
      for (const client of streams) {
        if (!session || (client.followsSession && session.storeId !== client.storeId))
          client.close('signed_out')
      }
    }
    catch (error) {
      console.error('[stream] session check failed:', error)
    }
  }
}
