// Fakes for the browser boundary only: EventSource, Web Locks, BroadcastChannel and page visibility.
import type { EventSourceLike } from '../../../app/composables/useLiveStream'
import type { LockManagerLike } from '../../../app/logic/leader'
import { beforeAll } from 'vitest'
import { loadStreamDecoder } from '../../../app/logic/stream-decoder'

// In a browser the decoder loads while the stream connects; here it is loaded before any fake emits.
beforeAll(() => loadStreamDecoder())

export class FakeEventSource implements EventSourceLike {
  static instances: FakeEventSource[] = []
  static reset() {
    FakeEventSource.instances = []
  }

  static get open(): FakeEventSource[] {
    return FakeEventSource.instances.filter(source => !source.closed)
  }

  readyState = 0
  closed = false
  onerror: ((event: Event) => void) | null = null
  private listeners = new Map<string, Array<(event: MessageEvent) => void>>()

  constructor(readonly url: string) {
    FakeEventSource.instances.push(this)
  }

  addEventListener(type: string, listener: (event: MessageEvent) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener])
  }

  close() {
    this.closed = true
    this.readyState = 2
  }

  /** The server sends an event. */
  emit(type: string, data: unknown, id?: number) {
    if (this.closed)
      return
    if (type === 'connected')
      this.readyState = 1
    const event = { data: JSON.stringify(data), lastEventId: id === undefined ? '' : String(id) } as MessageEvent
    for (const listener of this.listeners.get(type) ?? []) listener(event)
  }

  /** The connection drops, or the server answered with an HTTP error. */
  fail() {
    this.onerror?.(new Event('error'))
  }
}

interface Waiter {
  callback: (lock: unknown) => Promise<unknown>
  resolve: (value: unknown) => void
  reject: (reason: unknown) => void
  signal?: AbortSignal
}

/** Exclusive locks granted in request order, like navigator.locks; shared by the "tabs" of a test. */
export class FakeLocks implements LockManagerLike {
  private held = new Set<string>()
  private queues = new Map<string, Waiter[]>()

  request(name: string, options: { signal?: AbortSignal }, callback: (lock: unknown) => Promise<unknown>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { callback, resolve, reject, signal: options.signal }
      if (options.signal?.aborted) {
        reject(new DOMException('aborted', 'AbortError'))
        return
      }
      options.signal?.addEventListener('abort', () => {
        const queue = this.queues.get(name) ?? []
        const index = queue.indexOf(waiter)
        if (index >= 0) {
          queue.splice(index, 1)
          reject(new DOMException('aborted', 'AbortError'))
        }
      })
      this.queues.set(name, [...(this.queues.get(name) ?? []), waiter])
      this.pump(name)
    })
  }

  isHeld(name: string): boolean {
    return this.held.has(name)
  }

  private pump(name: string) {
    if (this.held.has(name))
      return
    const next = this.queues.get(name)?.shift()
    if (!next)
      return
    this.held.add(name)
    Promise.resolve(next.callback({ name })).then(next.resolve, next.reject).finally(() => {
      this.held.delete(name)
      this.pump(name)
    })
  }
}

/** BroadcastChannel between the fake tabs of one test: delivers to every other instance of the name. */
export class FakeBroadcastBus {
  private members = new Set<FakeChannel>()
  readonly Channel = createChannelClass(this.members)
}

function createChannelClass(members: Set<FakeChannel>) {
  return class implements FakeChannel {
    onmessage: ((event: MessageEvent) => void) | null = null
    closed = false
    constructor(readonly name: string) {
      members.add(this)
    }

    postMessage(message: unknown) {
      if (this.closed)
        throw new Error('InvalidStateError: channel closed')
      const copy = structuredClone(message)
      for (const member of members) {
        if (member !== this && member.name === this.name && !member.closed)
          queueMicrotask(() => member.onmessage?.({ data: copy } as MessageEvent))
      }
    }

    close() {
      this.closed = true
      members.delete(this)
    }
  }
}
interface FakeChannel { name: string, closed: boolean, onmessage: ((event: MessageEvent) => void) | null, postMessage: (m: unknown) => void, close: () => void }

/** `document` as far as visibility goes. */
export class FakeDocument {
  visibilityState: DocumentVisibilityState = 'visible'
  private listeners = new Set<() => void>()
  addEventListener(_type: string, listener: () => void) {
    this.listeners.add(listener)
  }

  removeEventListener(_type: string, listener: () => void) {
    this.listeners.delete(listener)
  }

  setVisibility(state: DocumentVisibilityState) {
    this.visibilityState = state
    for (const listener of this.listeners) listener()
  }
}

export const noWindow = { addEventListener() {}, removeEventListener() {} }

/** Lets queued microtasks and promise chains run (fake timers do not advance them by themselves). */
export async function flush(times = 10): Promise<void> {
  for (let i = 0; i < times; i++) await Promise.resolve()
}
