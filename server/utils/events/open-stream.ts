import type { ConnectedEvent, ResetEvent } from '~shared/types/api'
import type { Session } from '../auth/sessions/sessions'
import type { ReleaseSlot } from '../limits/keyed-slots'
import { setImmediate } from 'node:timers/promises'
import { useConfig } from '../config'
import { useDb } from '../db/connection'
import { createApiError } from '../http/errors'
import { isShuttingDown } from '../shutdown-state'
import { readEvents, readLogBounds } from './event-log'
import { startHeartbeat, stopHeartbeatIfIdle } from './heartbeat'
import { attachClient, countStreams, countStreamsOf, detachClient } from './hub'
import { streamMetrics } from './metrics'
import { claimReplaySlot, drainedForReplay, REPLAY_PAGE } from './replay-slots'
import { frame, retryFrame } from './sse-frames'
import { StreamClient } from './stream-client'
import { logStreamLine } from './stream-log'

const RETRY_MS = 5000
// Frames are never changed once made: every stream may send this one.
const RETRY_FRAME = retryFrame(RETRY_MS)

/**
 * Where a stream resumes, as the request says it: `Last-Event-ID` (set by EventSource on reconnect) or
 * the `lastEventId` query parameter (a first connect after a snapshot); an array when the parameter repeats.
 */
export type LastEventId = string | string[] | undefined

function readResumeSeq(raw: LastEventId): number | undefined {
  if (raw === undefined || raw === '')
    return undefined
  if (typeof raw !== 'string' || !/^\d{1,15}$/.test(raw))
    throw createApiError('invalid_last_event_id')
  return Number(raw)
}

export function onClosed(client: StreamClient): void {
  detachClient(client)
  streamMetrics.openStreams--
  stopHeartbeatIfIdle()
  const seconds = ((Date.now() - client.openedAt) / 1000).toFixed(1)
  logStreamLine(`[stream] close store=${client.storeId} conn=${client.id} duration=${seconds}s reason=${client.closeReason}`)
}

/** The `connected` event's data (ConnectedEvent): a UUID and two numbers, written without a JSON pass. */
function connectedData(connectionId: ConnectedEvent['connectionId'], lastSeq: ConnectedEvent['lastSeq'], heartbeatMs: ConnectedEvent['heartbeatMs']): string {
  return `{"connectionId":"${connectionId}","lastSeq":${lastSeq},"heartbeatMs":${heartbeatMs}}`
}

function refuseStream(message: string): Error {
  streamMetrics.rejectedOverLimit++
  return createApiError('too_many_streams', message, { 'retry-after': '30' })
}

// The store's limit, and below it the session's and the principal's, so that one person (or one stuck browser) can never take every slot of the store.
export function assertStreamRoom(session: Session, storeId = session.storeId): void {
  const { streamMaxPerStore, streamMaxPerSession, streamMaxPerPrincipal } = useConfig()
  if (countStreams(storeId) >= streamMaxPerStore)
    throw refuseStream(`This store already has ${streamMaxPerStore} open streams.`)
  const open = countStreamsOf(storeId, session.id, session.userId)
  if (open.session >= streamMaxPerSession)
    throw refuseStream(`This session already has ${streamMaxPerSession} open streams (one browser needs one): close a tab or wait.`)
  if (open.principal >= streamMaxPerPrincipal)
    throw refuseStream(`You already have ${streamMaxPerPrincipal} open streams in this store: close some first.`)
}

/**
 * Opens the store's event stream: `retry`, `connected`, then the replay after the resume seq (or
 * `reset` when the log cannot supply it), then live events; no gap and no duplicate at the seam. The
 * stream at once when the store's channel is ready (it already streams), else a promise of it.
 */
export function openStream(lastEventId: LastEventId, session: Session): StreamClient | Promise<StreamClient> {
  if (isShuttingDown())
    throw createApiError('shutting_down', undefined, { 'retry-after': '1' })
  const resumeFrom = readResumeSeq(lastEventId)
  assertStreamRoom(session)

  const client = new StreamClient(session.storeId, session.id, useConfig().streamMaxBuffer, onClosed, session.userId)
  streamMetrics.openStreams++
  streamMetrics.streamsOpened++
  startHeartbeat()
  logStreamLine(`[stream] open store=${client.storeId} conn=${client.id}`)
  let attached: number | Promise<number>
  try {
    attached = attachClient(client)
  }
  catch (error) {
    return abandonStream(client, error)
  }
  return typeof attached === 'number'
    ? startStream(client, attached, resumeFrom)
    : attached.then(lastSeq => startStream(client, lastSeq, resumeFrom), error => abandonStream(client, error))
}

function startStream(client: StreamClient, lastSeq: number, resumeFrom: number | undefined): StreamClient {
  try {
    client.write(RETRY_FRAME)
    client.write(frame('connected', connectedData(client.id, lastSeq, useConfig().heartbeatMs)))
    client.startAfter(lastSeq)
    if (resumeFrom !== undefined && resumeFrom !== lastSeq)
      void replay(client, resumeFrom, lastSeq)
    else
      client.finishReplay()
    return client
  }
  catch (error) {
    return abandonStream(client, error)
  }
}

// The body is never sent: destroy it so that `close` fires and the client is detached and uncounted.
function abandonStream(client: StreamClient, error: unknown): never {
  client.close('client')
  client.body.destroy()
  throw error
}

/**
 * Sends the store's events after `from` up to `upTo` from the log, or `reset` when the log no longer
 * holds them; then the live events that arrived meanwhile.
 */
export async function replay(client: StreamClient, from: number, upTo: number): Promise<void> {
  let release: ReleaseSlot | undefined
  try {
    release = await claimReplaySlot(client.storeId)
    if (client.closed)
      return
    const db = await useDb()
    const bounds = await readLogBounds(db, client.storeId)
    const oldest = bounds?.oldestSeq ?? upTo + 1
    if (from > upTo || from + 1 < oldest) {
      streamMetrics.resets++
      client.write(frame('reset', JSON.stringify({ lastSeq: client.extendReplay(upTo) } satisfies ResetEvent)))
      return
    }
    let cursor = from
    while (!client.closed) {
      // Live frames let go while this stream waited (extendReplay) are read from the log too.
      upTo = client.extendReplay(upTo)
      if (cursor >= upTo)
        break
      const events = await readEvents(db, client.storeId, cursor, upTo, REPLAY_PAGE)
      if (events.length === 0)
        break
      // Frame by frame: a page can be larger than the buffer bound, and a client that reads must not be dropped.
      for (const event of events) {
        if (!await drainedForReplay(client))
          return
        client.write(frame(event.type, event.data, event.seq))
      }
      streamMetrics.replayed += events.length
      cursor = events[events.length - 1].seq
      // A turn of the event loop between pages: a long replay leaves room for other requests.
      await setImmediate()
    }
  }
  catch (error) {
    console.error(`[stream] replay failed store=${client.storeId} conn=${client.id}:`, error)
    client.close('client')
  }
  finally {
    release?.()
    client.finishReplay()
  }
}
