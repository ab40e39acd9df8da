import type { ResetEvent } from '~shared/types/api'
import type { StreamClient } from './stream-client'
import type { LoggedEvent } from './types'
import { tellCommitListeners } from '../commit-listeners'
import { useDb } from '../db/connection'
import { readLastSeq, readLastSeqs } from './event-log'
import { flushQuietStreams } from './flush-scheduler'
import { countEvent, streamMetrics } from './metrics'
import { frame } from './sse-frames'
import { StoreChannel } from './store-channel'

/** The events one transaction committed to one store. */
export interface Commit {
  storeId: string
  events: LoggedEvent[]
}

const channels = new Map<string, StoreChannel>()

/** Hears when this instance starts streaming a store (its first stream) and stops (its last one closed). */
export interface ChannelWatcher {
  opened: (storeId: string) => void
  closed: (storeId: string) => void
}

const channelWatchers: ChannelWatcher[] = []

export function watchChannels(watcher: ChannelWatcher): void {
  channelWatchers.push(watcher)
}

function forgetChannel(storeId: string): void {
  channels.delete(storeId)
  for (const watcher of channelWatchers) watcher.closed(storeId)
}

export function publishCommitted(storeId: string, events: LoggedEvent[]): void {
  for (const event of events) countEvent(streamMetrics.published, event.type)
  channels.get(storeId)?.offer(events)
  tellCommitListeners(storeId)
}

/**
 * Hands a transaction's commits to the streams of this instance, then starts writing them if the streams
 * were quiet, before the writers get their answers. A store whose events fail here keeps its commit:
 * its streams find the events in the log when they reconnect.
 */
export function publishCommits(commits: Iterable<Commit>): void {
  for (const { storeId, events } of commits) {
    try {
      publishCommitted(storeId, events)
    }
    catch (error) {
      console.error(`[stream] store=${storeId} could not publish committed events:`, error)
    }
  }
  flushQuietStreams()
}

export function notifyCommitted(storeId: string, seq: number): void {
  channels.get(storeId)?.catchUpTo(seq)
  tellCommitListeners(storeId)
}

/**
 * Sends `reset` to this instance's streams of a store: what they show must be fetched afresh (a history
 * import changed past hours without one event per sale). They go on after the seq delivered so far.
 */
export function resetStreams(storeId: string): void {
  const channel = channels.get(storeId)
  if (!channel)
    return
  const data = JSON.stringify({ lastSeq: channel.lastSeq } satisfies ResetEvent)
  for (const client of channel.clients) {
    if (!client.closed)
      client.write(frame('reset', data))
  }
  streamMetrics.resets += channel.clients.size
  flushQuietStreams()
}

export function countStreams(storeId: string): number {
  return channels.get(storeId)?.clients.size ?? 0
}

/** This instance's open streams of a store that belong to a session, and those that belong to its principal. */
export function countStreamsOf(storeId: string, sessionId: string, principalId: string): { session: number, principal: number } {
  const channel = channels.get(storeId)
  return { session: channel?.streamsBySession.get(sessionId) ?? 0, principal: channel?.streamsByPrincipal.get(principalId) ?? 0 }
}

function addTo(counts: Map<string, number>, key: string, change: number): void {
  const count = (counts.get(key) ?? 0) + change
  if (count === 0)
    counts.delete(key)
  else
    counts.set(key, count)
}

function countClient(channel: StoreChannel, client: StreamClient, change: number): void {
  addTo(channel.streamsBySession, client.sessionId, change)
  addTo(channel.streamsByPrincipal, client.principalId, change)
}

/**
 * Adds a client to its store's channel and returns the seq the channel has delivered up to: at once
 * when the channel is ready (a store already streamed), else once it has read the store's newest seq.
 */
export function attachClient(client: StreamClient): number | Promise<number> {
  const channel = channels.get(client.storeId) ?? openChannel(client.storeId, useDb().then(db => readLastSeq(db, client.storeId)))
  if (!channel.clients.has(client)) {
    channel.clients.add(client)
    countClient(channel, client, 1)
  }
  return channel.isReady ? channel.lastSeq : whenReady(channel, client.storeId)
}

/**
 * attachClient for the clients of several stores (a stream over several stores): the channels not open
 * yet read their stores' newest seqs in one statement, instead of one statement a store in turn.
 */
export function attachClients(clients: StreamClient[]): Promise<number[]> {
  const opening = [...new Set(clients.map(client => client.storeId))].filter(storeId => !channels.has(storeId))
  if (opening.length > 0) {
    const newest = useDb().then(db => readLastSeqs(db, opening))
    for (const storeId of opening) openChannel(storeId, newest.then(seqs => seqs.get(storeId) ?? 0))
  }
  return Promise.all(clients.map(attachClient))
}

function openChannel(storeId: string, newestSeq: Promise<number>): StoreChannel {
  const channel = new StoreChannel(storeId, useDb(), newestSeq)
  channels.set(storeId, channel)
  for (const watcher of channelWatchers) watcher.opened(storeId)
  return channel
}

async function whenReady(channel: StoreChannel, storeId: string): Promise<number> {
  try {
    await channel.ready
  }
  catch (error) {
    // The store's newest seq could not be read: forget the channel so the next stream tries afresh.
    if (channels.get(storeId) === channel)
      forgetChannel(storeId)
    throw error
  }
  return channel.lastSeq
}

export function detachClient(client: StreamClient): void {
  const channel = channels.get(client.storeId)
  if (!channel)
    return
  if (channel.clients.delete(client))
    countClient(channel, client, -1)
  if (channel.clients.size === 0)
    forgetChannel(client.storeId)
}

export function forEachClient(visit: (client: StreamClient) => void): void {
  for (const channel of channels.values()) {
    for (const client of channel.clients) visit(client)
  }
}

/** Closes this instance's streams of signed-out or revoked sessions. */
export function closeStreamsOfSessions(sessionIds: Set<string>): void {
  forEachClient((client) => {
    if (sessionIds.has(client.sessionId))
      client.close('signed_out')
  })
}

/** Closes this instance's streams of a principal (person, device or API key) in a store, e.g. after a role change. */
export function closeStreamsOfPrincipal(storeId: string, principalId: string): void {
  for (const client of channels.get(storeId)?.clients ?? []) {
    if (client.principalId === principalId)
      client.close('signed_out')
  }
}

/** The stores this instance streams, for catching them all up after a lost listener connection. */
export function listChannelStores(): string[] {
  return [...channels.keys()]
}

export function countChannels(): number {
  return channels.size
}
