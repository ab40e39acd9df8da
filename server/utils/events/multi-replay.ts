import type { ReleaseSlot } from '../limits/keyed-slots'
import type { StoreTap } from './store-tap'
import type { StreamClient } from './stream-client'
import type { LoggedEvent } from './types'
import { setImmediate } from 'node:timers/promises'
import { encodeCursor } from '~shared/stream-cursor'
import { useConfig } from '../config'
import { useConnection } from '../db/connection'
import { readLogPages } from './event-log'
import { streamMetrics } from './metrics'
import { claimReplaySlot, drainedForReplay, REPLAY_PAGE } from './replay-slots'
import { frameText } from './sse-frames'

/** One store's share of a stream's replay: its events after `from` up to `upTo` (its seq when the stream opened). */
export interface StoreReplay { tap: StoreTap, from: number, upTo: number }

/** The stream over several stores a replay writes to (multi-stream.ts). */
export interface ReplayingStream {
  readonly client: StreamClient
  /** The seq of each store that the client has been sent: each batch's id is their cursor. */
  readonly positions: Map<string, number>
  /** The log no longer holds what the client missed in this store: it starts again from `lastSeq`. */
  sendReset: (tap: StoreTap, lastSeq: number) => void
}

interface Replaying extends StoreReplay { release: ReleaseSlot, after: number, first: boolean }

/**
 * Replays the stores of one stream from the log: each store still waits for its own replay slot, and
 * the stores whose slots come free together are read together, every page of them in one statement
 * (the first with each store's oldest seq, which decides `reset`), then written together (sendBatches).
 * Each store's live events wait in its tap until its own replay is done, as in a single store's stream.
 */
export async function replayStores(stream: ReplayingStream, replays: StoreReplay[]): Promise<void> {
  const granted: Replaying[] = []
  let wake: (() => void) | undefined
  for (const replay of replays) {
    void claimReplaySlot(replay.tap.storeId).then((release) => {
      granted.push({ ...replay, release, after: replay.from, first: true })
      wake?.()
    })
  }
  let left = replays.length
  while (left > 0) {
    if (granted.length === 0)
      await new Promise<void>(resolve => wake = resolve)
    wake = undefined
    // Slots freed together are granted in the same turn: let them all arrive, to read them at once.
    await setImmediate()
    const round = granted.splice(0)
    left -= round.length
    try {
      await replayRound(stream, round)
    }
    catch (error) {
      console.error(`[stream] replay of ${round.length} stores failed conn=${stream.client.id}:`, error)
      stream.client.close('client')
    }
    finally {
      for (const { tap, release } of round) {
        release()
        tap.finishReplay()
      }
    }
  }
}

async function replayRound(stream: ReplayingStream, round: Replaying[]): Promise<void> {
  const { db, dialect } = await useConnection()
  let active = round
  while (active.length > 0 && !stream.client.closed) {
    // Live frames let go while a store waited (extendReplay) are read from the log too.
    const reading = active.filter((replay) => {
      if (replay.tap.closed)
        return false
      if (replay.first && replay.from > replay.upTo)
        return true
      replay.upTo = replay.tap.extendReplay(replay.upTo)
      return replay.after < replay.upTo
    })
    if (reading.length === 0)
      return
    const pages = await readLogPages(db, dialect, reading.map(({ tap, after, upTo }) => ({ storeId: tap.storeId, after, upTo: Math.max(after, upTo) })), REPLAY_PAGE)
    if (stream.client.closed)
      return
    const pieces: Piece[] = []
    for (const replay of reading) {
      if (replay.tap.closed)
        continue
      const { oldestSeq, events } = pages.get(replay.tap.storeId)!
      if (replay.first) {
        replay.first = false
        const oldest = oldestSeq ?? replay.upTo + 1
        if (replay.from > replay.upTo || replay.from + 1 < oldest) {
          streamMetrics.resets++
          stream.sendReset(replay.tap, replay.tap.extendReplay(replay.upTo))
          continue
        }
      }
      if (events.length > 0)
        pieces.push({ replay, events })
    }
    if (!await sendBatches(stream, pieces))
      return
    active = pieces.map(({ replay, events }) => {
      streamMetrics.replayed += events.length
      replay.after = events[events.length - 1].seq
      return replay
    })
    // A turn of the event loop between pages: a long replay leaves room for other requests.
    await setImmediate()
  }
}

/** A store's page of the log, to be written. */
interface Piece { replay: Replaying, events: LoggedEvent[] }

/**
 * Writes the pages of several stores as `batch` events: one SSE event a write, whose data is the JSON
 * array of the events' own data (the logged JSON joined as it is, each element what a live frame of it
 * carries) and whose id is the cursor once its last event is sent. A client takes an SSE event only at
 * its blank line, so a connection lost in the middle of one resumes from the id before it: no gap, no
 * repeat, and one cursor a write instead of one an event (50 stores: about 500 bytes each). The events
 * of several stores share a batch. A write waits until the socket has taken most of the last one; one
 * that is not taken in time drops the client as slow, as a single store's replay does. A store that
 * leaves the stream meanwhile (its tap closed) is skipped: the others go on.
 */
async function sendBatches(stream: ReplayingStream, pieces: Piece[]): Promise<boolean> {
  const { client, positions } = stream
  // Characters, not bytes: a payload's non-ASCII text takes up to three bytes a character.
  const chunkChars = Math.max(1, Math.floor(useConfig().streamMaxBuffer / 8))
  let piece = 0
  let index = 0
  while (piece < pieces.length) {
    if (!await drainedForReplay(client))
      return false
    if (client.closed)
      return false
    let data = ''
    while (piece < pieces.length && data.length < chunkChars) {
      const { replay: { tap }, events } = pieces[piece]
      if (!tap.closed) {
        do {
          data += (data === '' ? '[' : ',') + events[index++].data
        } while (index < events.length && data.length < chunkChars)
        positions.set(tap.storeId, events[index - 1].seq)
      }
      if (tap.closed || index === events.length) {
        piece++
        index = 0
      }
    }
    if (data !== '' && !client.write(Buffer.from(frameText('batch', `${data}]`, encodeCursor(positions)))))
      return false
  }
  return true
}
