import { describe, expect, it } from 'vitest'
import { createLeaderElection } from '../../app/logic/leader'
import { FakeLocks, flush } from './fakes/browser'

function tab(locks: FakeLocks) {
  const changes: boolean[] = []
  const election = createLeaderElection({ name: 'stream', locks, onChange: value => changes.push(value) })
  return { election, changes }
}

describe('leader election (Web Locks)', () => {
  it('makes exactly one tab the leader, and hands over when it stops', async () => {
    const locks = new FakeLocks()
    const a = tab(locks)
    const b = tab(locks)
    const c = tab(locks)
    a.election.start()
    b.election.start()
    c.election.start()
    await flush()
    expect([a.election.isLeader, b.election.isLeader, c.election.isLeader]).toEqual([true, false, false])

    a.election.stop()
    await flush()
    expect(a.changes).toEqual([true, false])
    expect([a.election.isLeader, b.election.isLeader, c.election.isLeader]).toEqual([false, true, false])
  })

  it('a tab that leaves the queue never becomes leader', async () => {
    const locks = new FakeLocks()
    const a = tab(locks)
    const b = tab(locks)
    const c = tab(locks)
    a.election.start()
    b.election.start()
    c.election.start()
    await flush()
    b.election.stop()
    a.election.stop()
    await flush()
    expect(b.changes).toEqual([])
    expect(c.election.isLeader).toBe(true)
  })

  it('rejoining after leaving works, and start is idempotent', async () => {
    const locks = new FakeLocks()
    const a = tab(locks)
    a.election.start()
    a.election.start()
    await flush()
    a.election.stop()
    await flush()
    expect(locks.isHeld('stream')).toBe(false)
    a.election.start()
    await flush()
    expect(a.election.isLeader).toBe(true)
    expect(a.changes).toEqual([true, false, true])
  })

  it('without Web Locks every tab leads by itself', () => {
    const changes: boolean[] = []
    const election = createLeaderElection({ name: 'stream', locks: undefined, onChange: value => changes.push(value) })
    election.start()
    expect(election.isLeader).toBe(true)
  })
})
