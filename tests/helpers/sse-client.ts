import type { EventSourceMessage } from 'eventsource-parser'
import { createParser } from 'eventsource-parser'

export interface SseMessage { id?: string, event: string, data: string }

/**
 * A real SSE client over fetch: parses the wire format with eventsource-parser and collects messages,
 * so tests can wait for exactly the events they expect.
 */
export class SseClient {
  readonly messages: SseMessage[] = []
  retry: number | undefined
  status = 0
  headers = new Headers()
  ended = false
  private readonly controller = new AbortController()
  private waiters: Array<() => void> = []
  private done!: Promise<void>

  private constructor() {}

  static async connect(url: string, options: { token?: string, cookie?: string, lastEventId?: string | number, headers?: Record<string, string> } = {}): Promise<SseClient> {
    const client = new SseClient()
    const headers: Record<string, string> = { accept: 'text/event-stream', ...options.headers }
    if (options.token)
      headers.authorization = `Bearer ${options.token}`
    if (options.cookie)
      headers.cookie = options.cookie
    if (options.lastEventId !== undefined)
      headers['last-event-id'] = String(options.lastEventId)
    const response = await fetch(url, { headers, signal: client.controller.signal })
    client.status = response.status
    client.headers = response.headers
    if (!response.ok || !response.body) {
      client.ended = true
      client.body = await response.text()
      return client
    }
    const parser = createParser({
      onEvent: (message: EventSourceMessage) => {
        client.messages.push({ id: message.id, event: message.event ?? 'message', data: message.data })
        client.wake()
      },
      onRetry: (retry) => { client.retry = retry },
    })
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
    client.done = (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read()
          if (done)
            break
          parser.feed(value)
        }
      }
      catch {}
      client.ended = true
      client.wake()
    })()
    return client
  }

  body = ''

  private wake(): void {
    const waiters = this.waiters
    this.waiters = []
    for (const wake of waiters) wake()
  }

  /**
   * Business events only (no connected/heartbeat/reset), parsed. A replay's `batch` (a stream over several
   * stores) gives each of its events by its `type`, the batch's id on the last: a client can resume only
   * after a whole batch.
   */
  events(): Array<{ id?: string, event: string, data: any }> {
    return this.messages.filter(m => !['connected', 'heartbeat', 'reset'].includes(m.event)).flatMap((m): Array<{ id?: string, event: string, data: any }> => {
      if (m.event !== 'batch')
        return [{ ...m, data: JSON.parse(m.data) }]
      const batch: any[] = JSON.parse(m.data)
      return batch.map((data, index) => ({ id: index === batch.length - 1 ? m.id : undefined, event: data.type, data }))
    })
  }

  /** Business events (`events()`) of one kind. */
  eventsOf(type: string): Array<{ id?: string, event: string, data: any }> {
    return this.events().filter(e => e.event === type)
  }

  /** Waits until `predicate` holds for the collected messages, or fails after `timeoutMs`. */
  async waitFor(predicate: (messages: SseMessage[]) => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (!predicate(this.messages)) {
      if (this.ended)
        throw new Error(`stream ended before ${what}; got ${JSON.stringify(this.messages.map(m => m.event))}`)
      const remaining = deadline - Date.now()
      if (remaining <= 0)
        throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.messages.map(m => `${m.event}#${m.id ?? ''}`))}`)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining)
        this.waiters.push(() => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
  }

  waitForEvents = (count: number, timeoutMs = 5000) => this.waitFor(() => this.events().length >= count, timeoutMs, `${count} events`)

  async waitForEnd(timeoutMs = 5000): Promise<void> {
    await this.waitFor(() => this.ended, timeoutMs, 'the end of the stream').catch((error) => {
      if (!this.ended)
        throw error
    })
  }

  close(): void {
    this.controller.abort()
  }
}
