import type { Api } from '../../helpers/api'
import type { TestServer } from '../../helpers/server'
import { expect } from 'vitest'
import { SseClient } from '../../helpers/sse-client'
import { lastSeqOf } from './api'

export function streamUrl(server: TestServer, query = ''): string {
  return `${server.url}/api/v1/events/stream${query}`
}

/** Connects and waits for `connected`; returns the client and the parsed connected payload. */
export async function connectStream(server: TestServer, token: string, options: { lastEventId?: string | number, query?: string } = {}): Promise<{ client: SseClient, connected: { connectionId: string, lastSeq: number } }> {
  const client = await SseClient.connect(streamUrl(server, options.query), { token, lastEventId: options.lastEventId })
  expect(client.status).toBe(200)
  await client.waitFor(messages => messages.some(m => m.event === 'connected'), 10_000, 'connected')
  const connected = JSON.parse(client.messages.find(m => m.event === 'connected')!.data)
  return { client, connected }
}

/** The store's business events after `after`, read back through a resumed stream (all of them, up to lastSeq). */
export async function eventsAfter(server: TestServer, api: Api, after: number): Promise<Array<{ id?: string, event: string, data: any }>> {
  const lastSeq = await lastSeqOf(api)
  const { client } = await connectStream(server, api.token!, { lastEventId: after })
  try {
    await client.waitForEvents(lastSeq - after, 15_000)
    return client.events()
  }
  finally {
    client.close()
  }
}

/** Asserts that events carry exactly the seqs from..to, in order, each once, as both `id` and `data.seq`. */
export function expectSeqs(events: Array<{ id?: string, data: any }>, from: number, to: number): void {
  const expected = Array.from({ length: to - from + 1 }, (_, i) => from + i)
  expect(events.map(e => Number(e.id))).toEqual(expected)
  expect(events.map(e => e.data.seq)).toEqual(expected)
}
