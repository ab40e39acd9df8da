import { describe, expect, it } from 'vitest'
import { SnapshotLoads } from '../../app/logic/snapshot-loads'

describe('snapshotLoads', () => {
  it('holds events only while a load is in flight, and hands them over once', () => {
    const loads = new SnapshotLoads<number>()
    expect(loads.hold(1)).toBe(false)
    const ticket = loads.start()
    expect(loads.hold(2)).toBe(true)
    expect(loads.hold(3)).toBe(true)
    expect(loads.take()).toEqual([2, 3])
    expect(loads.take()).toEqual([])
    loads.finish(ticket)
    expect(loads.hold(4)).toBe(false)
  })

  it('keeps holding until the newest load is done: an overtaken load neither counts nor ends the hold', () => {
    const loads = new SnapshotLoads<number>()
    const first = loads.start()
    const second = loads.start()
    expect(loads.isCurrent(first)).toBe(false)
    expect(loads.isCurrent(second)).toBe(true)
    loads.finish(first)
    expect(loads.hold(1)).toBe(true)
    loads.finish(second)
    expect(loads.hold(2)).toBe(false)
    expect(loads.take()).toEqual([])
  })

  it('reset makes every load stale and drops what was held', () => {
    const loads = new SnapshotLoads<number>()
    const ticket = loads.start()
    loads.hold(1)
    loads.reset()
    expect(loads.isCurrent(ticket)).toBe(false)
    expect(loads.take()).toEqual([])
    expect(loads.hold(2)).toBe(false)
  })

  it('holding says whether a load has events to replay (it then waits for the code that replays them)', () => {
    const loads = new SnapshotLoads<number>()
    loads.start()
    expect(loads.holding()).toBe(false)
    loads.hold(1)
    expect(loads.holding()).toBe(true)
    expect(loads.take()).toEqual([1])
    expect(loads.holding()).toBe(false)
  })
})
