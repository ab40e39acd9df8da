import type { StreamEvent } from '~shared/types/api'
import type { UseLiveSyncOptions } from '../../app/composables/useLiveSync'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, shallowRef } from 'vue'
import { useLiveSync } from '../../app/composables/useLiveSync'
import { FakeBroadcastBus, FakeDocument, FakeEventSource, FakeLocks, flush, noWindow } from './fakes/browser'
import { streamEvent } from './fixtures'

/** A browser with several tabs: shared locks and channel, one document each. */
function browser() {
  const locks = new FakeLocks()
  const bus = new FakeBroadcastBus()
  const openTab = (resumeFrom?: number, stores: Pick<UseLiveSyncOptions, 'storeId' | 'allStores'> = {}) => {
    const document = new FakeDocument()
    const events: StreamEvent[] = []
    const resets: string[] = []
    const scope = effectScope()
    const sync = scope.run(() => useLiveSync({
      locks,
      BroadcastChannel: bus.Channel,
      EventSource: FakeEventSource,
      document,
      window: noWindow,
      resumeFrom: () => resumeFrom,
      hiddenGraceMs: 10_000,
      onEvent: event => events.push(event),
      onReset: info => resets.push(`${(info as { storeId?: string }).storeId}:${info.lastSeq}`),
      ...stores,
    }))!
    return { document, events, resets, sync, close: () => scope.stop() }
  }
  return { locks, openTab }
}

async function settle() {
  await flush(20)
  await nextTick()
  await flush(20)
}

describe('useLiveSync: one stream per browser', () => {
  beforeEach(() => {
    FakeEventSource.reset()
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('two tabs: one stream; the leader relays events and status to the other', async () => {
    const { openTab } = browser()
    const a = openTab(7)
    const b = openTab(7)
    await settle()
    expect(FakeEventSource.open).toHaveLength(1)
    expect(a.sync.isLeader.value).toBe(true)
    expect(b.sync.isLeader.value).toBe(false)
    const source = FakeEventSource.open[0]
    expect(source.url).toContain('lastEventId=7')
    source.emit('connected', { connectionId: 'c1', lastSeq: 7 })
    source.emit('order_created', streamEvent('order_created', 8), 8)
    await settle()
    expect(a.sync.status.value).toBe('live')
    expect(b.sync.status.value).toBe('live')
    expect(a.events.map(e => e.seq)).toEqual([8])
    expect(b.events.map(e => e.seq)).toEqual([8])
  })

  it('when the leader tab closes another takes over and resumes from the last seq it saw', async () => {
    const { openTab } = browser()
    const a = openTab(7)
    const b = openTab(7)
    await settle()
    FakeEventSource.open[0].emit('connected', { connectionId: 'c1', lastSeq: 7 })
    FakeEventSource.open[0].emit('order_created', streamEvent('order_created', 8), 8)
    await settle()
    a.close()
    await settle()
    expect(b.sync.isLeader.value).toBe(true)
    expect(FakeEventSource.open).toHaveLength(1)
    expect(FakeEventSource.open[0].url).toContain('lastEventId=8')
  })

  it('a hidden page lets go of the stream after the grace period, and reconnects at once on return', async () => {
    const { openTab } = browser()
    const a = openTab(3)
    await settle()
    FakeEventSource.open[0].emit('connected', { connectionId: 'c1', lastSeq: 3 })
    FakeEventSource.open[0].emit('order_created', streamEvent('order_created', 4), 4)
    a.document.setVisibility('hidden')
    await settle()
    vi.advanceTimersByTime(9_000)
    await settle()
    expect(FakeEventSource.open).toHaveLength(1)
    vi.advanceTimersByTime(1_000)
    await settle()
    expect(FakeEventSource.open).toHaveLength(0)
    a.document.setVisibility('visible')
    await settle()
    expect(FakeEventSource.open).toHaveLength(1)
    expect(FakeEventSource.open[0].url).toContain('lastEventId=4')
  })

  it('a hidden leader hands the stream to a visible tab; no second stream appears', async () => {
    const { openTab } = browser()
    const a = openTab(1)
    const b = openTab(1)
    await settle()
    a.document.setVisibility('hidden')
    vi.advanceTimersByTime(10_000)
    await settle()
    expect(a.sync.isLeader.value).toBe(false)
    expect(b.sync.isLeader.value).toBe(true)
    expect(FakeEventSource.open).toHaveLength(1)
    // Coming back, the first tab follows: still one stream.
    a.document.setVisibility('visible')
    await settle()
    expect(FakeEventSource.open).toHaveLength(1)
    expect(a.sync.isLeader.value).toBe(false)
  })

  it('followers get every relayed event once, in seq order', async () => {
    const { openTab } = browser()
    const a = openTab(1)
    const b = openTab(1)
    await settle()
    const source = FakeEventSource.open[0]
    source.emit('connected', { connectionId: 'c1', lastSeq: 1 })
    source.emit('order_created', streamEvent('order_created', 2), 2)
    source.emit('order_created', streamEvent('order_created', 3), 3)
    await settle()
    expect(b.events.map(e => e.seq)).toEqual([2, 3])
    expect(a.events.map(e => e.seq)).toEqual([2, 3])
  })

  it('a tab that wants every store moves the leader\'s stream to stores=all, resumed with a cursor, and back to the store\'s seq after', async () => {
    const HOME = '11111111-1111-4111-8111-111111111111'
    const STALL = '22222222-2222-4222-8222-222222222222'
    const { openTab } = browser()
    const a = openTab(7, { storeId: () => HOME })
    const wantsAll = shallowRef(false)
    const b = openTab(7, { storeId: () => HOME, allStores: wantsAll })
    await settle()
    const own = FakeEventSource.open[0]
    expect(own.url).toBe('/api/v1/events/stream?lastEventId=7')
    own.emit('connected', { connectionId: 'c1', lastSeq: 7 })
    own.emit('order_created', streamEvent('order_created', 8, { storeId: HOME }), 8)
    await settle()

    wantsAll.value = true
    // The seqs per store come in their own chunk, with the first wish for every store.
    await vi.waitFor(() => expect(FakeEventSource.open[0]?.url).toContain('stores=all'))
    await settle()
    // Still one stream: the leader's, now over every store, each resuming from its own seq.
    expect(FakeEventSource.open).toHaveLength(1)
    const all = FakeEventSource.open[0]
    expect(all.url).toBe('/api/v1/events/stream?stores=all&lastEventId=m2.ERERER8')
    all.emit('connected', { connectionId: 'c2', stores: [{ storeId: HOME, lastSeq: 8 }, { storeId: STALL, lastSeq: 30 }] })
    all.emit('order_created', streamEvent('order_created', 31, { storeId: STALL }))
    // Seqs are per store: 9 of the home store after 31 of the stall is new, a second 31 of the stall is not.
    all.emit('order_created', streamEvent('order_created', 9, { storeId: HOME }))
    all.emit('order_created', streamEvent('order_created', 31, { storeId: STALL }))
    // A replay's batch: its events as if each had come alone, relayed one by one.
    all.emit('batch', [streamEvent('order_created', 32, { storeId: STALL }), streamEvent('payment_received', 10, { storeId: HOME }), streamEvent('order_created', 32, { storeId: STALL })])
    all.emit('reset', { storeId: STALL, lastSeq: 40 })
    await settle()
    for (const tab of [a, b]) {
      expect(tab.events.map(event => `${event.storeId.slice(0, 1)}:${event.seq}`)).toEqual(['1:8', '2:31', '1:9', '2:32', '1:10'])
      expect(tab.resets).toEqual([`${STALL}:40`])
    }

    // A drop: the stream resumes every store from where it was.
    all.fail()
    vi.advanceTimersByTime(61_000)
    await settle()
    expect(FakeEventSource.open[0].url).toBe('/api/v1/events/stream?stores=all&lastEventId=m2.ERERERa.IiIiIi14')

    wantsAll.value = false
    await settle()
    expect(FakeEventSource.open).toHaveLength(1)
    expect(FakeEventSource.open[0].url).toBe('/api/v1/events/stream?lastEventId=10')
  })

  it('a tab that wants every store from the start opens one stream, straight over every store', async () => {
    const { openTab } = browser()
    openTab(undefined, { storeId: () => '11111111-1111-4111-8111-111111111111', allStores: true })
    await vi.waitFor(() => expect(FakeEventSource.open[0]?.url).toBe('/api/v1/events/stream?stores=all'))
    expect(FakeEventSource.instances).toHaveLength(1)
  })
})
