import type { StreamEvent } from '~shared/types/api'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, shallowRef } from 'vue'
import { useLiveStream } from '../../app/composables/useLiveStream'
import { FakeEventSource } from './fakes/browser'
import { streamEvent } from './fixtures'

function setup(options: Parameters<typeof useLiveStream>[0] = {}) {
  const scope = effectScope()
  const events: StreamEvent[] = []
  const resets: number[] = []
  const stream = scope.run(() => useLiveStream({
    EventSource: FakeEventSource,
    backoff: { random: () => 0 },
    onEvent: event => events.push(event),
    onReset: info => resets.push(info.lastSeq),
    ...options,
  }))!
  const current = () => FakeEventSource.instances.at(-1)!
  return { scope, stream, events, resets, current }
}

describe('useLiveStream: the stream state machine', () => {
  beforeEach(() => {
    FakeEventSource.reset()
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('connects from the snapshot seq and becomes live on `connected`', () => {
    const { stream, current } = setup({ resumeFrom: () => 42 })
    expect(current().url).toBe('/api/v1/events/stream?lastEventId=42')
    expect(stream.state.value).toBe('connecting')
    expect(stream.status.value).toBe('connecting')
    current().emit('connected', { connectionId: 'c1', lastSeq: 45 })
    expect(stream.state.value).toBe('open')
    expect(stream.status.value).toBe('live')
    expect(stream.connectionId.value).toBe('c1')
  })

  it('delivers events once, in order, and tracks the last seq', () => {
    const { stream, events, current } = setup({ resumeFrom: () => 10 })
    current().emit('connected', { connectionId: 'c1', lastSeq: 12 })
    current().emit('order_created', streamEvent('order_created', 11), 11)
    current().emit('payment_received', streamEvent('payment_received', 12), 12)
    current().emit('payment_received', streamEvent('payment_received', 12), 12)
    expect(events.map(e => e.seq)).toEqual([11, 12])
    expect(stream.lastSeq.value).toBe(12)
  })

  it('a replay\'s batch gives its events one by one, in order, once, as if each had come alone', () => {
    const { stream, events, resets, current } = setup({ resumeFrom: () => 10 })
    current().emit('connected', { connectionId: 'c1', lastSeq: 10 })
    current().emit('order_created', streamEvent('order_created', 11), 11)
    current().emit('batch', [
      streamEvent('order_created', 11),
      streamEvent('payment_received', 12),
      { ...streamEvent('order_updated', 13, { previousStatus: 'pending' }), previousStatus: undefined },
      streamEvent('order_updated', 14, { previousStatus: 'pending' }),
    ])
    expect(events.map(e => `${e.type} ${e.seq}`)).toEqual(['order_created 11', 'payment_received 12', 'order_updated 14'])
    // The element it cannot read refetches everything, where it stands among the others.
    expect(resets).toEqual([12])
    expect(stream.lastSeq.value).toBe(14)
    current().emit('batch', 'not an array')
    expect(resets).toEqual([12, 14])
  })

  it('events and resets that reach the page another way pass the same seq check', () => {
    const { stream, events, resets, current } = setup({ resumeFrom: () => 10 })
    current().emit('connected', { connectionId: 'c1', lastSeq: 10 })
    stream.receive(streamEvent('order_created', 11))
    current().emit('order_created', streamEvent('order_created', 11), 11)
    current().emit('order_created', streamEvent('order_created', 12), 12)
    stream.receive(streamEvent('order_created', 12))
    expect(events.map(e => e.seq)).toEqual([11, 12])
    stream.receiveReset({ lastSeq: 500 })
    expect(resets).toEqual([500])
    stream.reconnect()
    expect(current().url).toBe('/api/v1/events/stream?lastEventId=500')
  })

  it('reconnects after a drop with backoff, resuming from the last seq', () => {
    const { stream, current } = setup({ resumeFrom: () => 10 })
    const first = current()
    first.emit('connected', { connectionId: 'c1', lastSeq: 10 })
    first.emit('order_created', streamEvent('order_created', 11), 11)
    first.fail()
    expect(first.closed).toBe(true)
    expect(stream.state.value).toBe('retrying')
    expect(stream.status.value).toBe('connecting')
    vi.advanceTimersByTime(499)
    expect(FakeEventSource.instances).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(FakeEventSource.instances).toHaveLength(2)
    expect(current().url).toBe('/api/v1/events/stream?lastEventId=11')
  })

  it('backs off further on repeated failures (HTTP errors), up to 60 s, and resets after a success', () => {
    const { stream, current } = setup({ backoff: { random: () => 0.999999 } })
    const delays: number[] = []
    for (let i = 0; i < 9; i++) {
      const before = FakeEventSource.instances.length
      current().fail()
      let waited = 0
      while (FakeEventSource.instances.length === before) {
        vi.advanceTimersByTime(100)
        waited += 100
      }
      delays.push(waited)
    }
    expect(delays[0]).toBeLessThanOrEqual(5000)
    expect(delays[1]).toBeGreaterThan(delays[0])
    expect(Math.max(...delays)).toBeLessThanOrEqual(60_000)
    expect(delays.at(-1)).toBe(60_000)
    expect(stream.failures.value).toBe(9)
    current().emit('connected', { connectionId: 'c9', lastSeq: 0 })
    expect(stream.failures.value).toBe(0)
  })

  it('refetches everything on `reset` and resumes after its seq', () => {
    const { stream, resets, current } = setup({ resumeFrom: () => 3 })
    current().emit('connected', { connectionId: 'c1', lastSeq: 900 })
    current().emit('reset', { lastSeq: 900 })
    expect(resets).toEqual([900])
    expect(stream.lastSeq.value).toBe(900)
  })

  it('an event it cannot read (a kind or a shape of a newer server) refetches everything instead of reaching the figures', () => {
    const { stream, events, resets, current } = setup({ resumeFrom: () => 10 })
    current().emit('connected', { connectionId: 'c1', lastSeq: 10 })
    current().emit('order_updated', { ...streamEvent('order_updated', 11, { previousStatus: 'pending' }), previousStatus: undefined }, 11)
    current().emit('order_created', streamEvent('order_created', 12), 12)
    expect(events.map(e => e.seq)).toEqual([12])
    expect(resets).toEqual([11])
    expect(stream.lastSeq.value).toBe(12)
  })

  it('keeps events and resets in their order until its decoder has loaded', async () => {
    vi.resetModules()
    const { useLiveStream: freshStream } = await import('../../app/composables/useLiveStream')
    const { loadStreamDecoder: loadFresh } = await import('../../app/logic/stream-decoder')
    const order: string[] = []
    const scope = effectScope()
    scope.run(() => freshStream({ EventSource: FakeEventSource, resumeFrom: () => 10, onEvent: event => order.push(`event ${event.seq}`), onReset: info => order.push(`reset ${info.lastSeq}`) }))
    const source = FakeEventSource.instances.at(-1)!
    source.emit('connected', { connectionId: 'c1', lastSeq: 10 })
    source.emit('order_created', streamEvent('order_created', 11), 11)
    source.emit('reset', { lastSeq: 20 })
    source.emit('order_created', streamEvent('order_created', 21), 21)
    expect(order).toEqual([])
    await loadFresh()
    await Promise.resolve()
    expect(order).toEqual(['event 11', 'reset 20', 'event 21'])
    scope.stop()
  })

  it('closes when disabled or offline, and reconnects at once when enabled again', async () => {
    const enabled = shallowRef(true)
    const online = shallowRef(true)
    const { stream, current } = setup({ enabled, online })
    current().emit('connected', { connectionId: 'c1', lastSeq: 5 })
    enabled.value = false
    await nextTick()
    expect(current().closed).toBe(true)
    expect(stream.status.value).toBe('offline')
    enabled.value = true
    await nextTick()
    expect(FakeEventSource.open).toHaveLength(1)
    expect(current().url).toContain('lastEventId=5')
    online.value = false
    await nextTick()
    expect(FakeEventSource.open).toHaveLength(0)
    expect(stream.status.value).toBe('offline')
    // No retry timers while offline.
    vi.advanceTimersByTime(120_000)
    expect(FakeEventSource.open).toHaveLength(0)
  })

  it('closes the stream and its retry timer when the scope is disposed', () => {
    const { scope, current } = setup()
    current().fail()
    scope.stop()
    vi.advanceTimersByTime(120_000)
    expect(FakeEventSource.instances).toHaveLength(1)
    expect(FakeEventSource.open).toHaveLength(0)
  })
  it('treats a stream silent for the server\'s heartbeat + the grace as dropped, and resumes from its last seq', () => {
    const { stream, current } = setup({ resumeFrom: () => 10 })
    const first = current()
    first.emit('connected', { connectionId: 'c1', lastSeq: 10, heartbeatMs: 1000 })
    first.emit('order_created', streamEvent('order_created', 11), 11)
    // Heartbeats keep it alive however long it runs.
    for (let i = 0; i < 20; i++) {
      vi.advanceTimersByTime(1000)
      first.emit('heartbeat', { at: new Date().toISOString() })
    }
    expect(stream.status.value).toBe('live')
    // Then nothing at all: no error either (a stalled proxy), until heartbeat + 15 s.
    vi.advanceTimersByTime(15_999)
    expect(stream.status.value).toBe('live')
    vi.advanceTimersByTime(1)
    expect(first.closed).toBe(true)
    expect(stream.state.value).toBe('retrying')
    expect(stream.failures.value).toBe(1)
    vi.advanceTimersByTime(500)
    expect(current()).not.toBe(first)
    expect(current().url).toBe('/api/v1/events/stream?lastEventId=11')
  })

  it('gives up on a connect that never answers, after the interval the server said last', () => {
    const { stream, current } = setup({ stallGraceMs: 2000 })
    const first = current()
    first.emit('connected', { connectionId: 'c1', lastSeq: 3, heartbeatMs: 1000 })
    first.fail()
    vi.advanceTimersByTime(500)
    const hanging = current()
    expect(hanging).not.toBe(first)
    vi.advanceTimersByTime(2999)
    expect(hanging.closed).toBe(false)
    vi.advanceTimersByTime(1)
    expect(hanging.closed).toBe(true)
    expect(stream.state.value).toBe('retrying')
  })
})
