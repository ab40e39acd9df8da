import type { Driver, Storage } from 'unstorage'
import { createStorage } from 'unstorage'
import { afterEach, expect, it, vi } from 'vitest'
import { useSuiteResource } from './suite-resource'

const sorted = (keys: string[]) => [...keys].sort()

/**
 * The contract unstorage's own drivers pass (its test/drivers/utils.ts `testDriver`), adapted: every
 * operation through a real `createStorage`, plus TTLs in seconds as unstorage passes them, and bases
 * holding the characters SQL patterns treat specially. Call it inside a `describe`; `driver` runs in
 * `beforeAll`, so it may read resources that earlier hooks opened.
 */
export function testStorageDriver(options: { driver: () => Driver }): void {
  let created: Driver | undefined
  const driver = () => created!
  const storage = useSuiteResource<Storage>('the storage', async () => createStorage({ driver: created = options.driver() }), async opened => opened.dispose())

  afterEach(async () => {
    await storage().clear()
  })

  it('starts empty', async () => {
    expect(await storage().hasItem('s1:a')).toBe(false)
    expect(await storage().getItem('s2:a')).toBe(null)
    expect(await storage().getKeys()).toEqual([])
  })

  it('sets, has and gets items; a key\'s query string is not part of it', async () => {
    await storage().setItem('s1:a', 'test_data')
    await storage().setItem('s2:a', 'test_data')
    await storage().setItem('s3:a?q=1', 'test_data')
    expect(await storage().hasItem('s1:a')).toBe(true)
    expect(await storage().getItem('s1:a')).toBe('test_data')
    expect(await storage().getItem('s3:a?q=2')).toBe('test_data')
  })

  it('replaces the value of a key that is set again', async () => {
    await storage().setItem('s1:a', 'first')
    await storage().setItem('s1:a', 'second')
    expect(await storage().getItem('s1:a')).toBe('second')
    expect(await storage().getKeys()).toEqual(['s1:a'])
  })

  it('lists keys, all or under a base', async () => {
    await storage().setItem('s1:a', 'test_data')
    await storage().setItem('s2:a', 'test_data')
    await storage().setItem('s3:a?q=1', 'test_data')
    expect(sorted(await storage().getKeys())).toEqual(['s1:a', 's2:a', 's3:a'])
    expect(await storage().getKeys('s1')).toEqual(['s1:a'])
  })

  it('lists keys down to a depth', async () => {
    for (const key of ['depth0_0', 'depth0:depth1:depth2_0', 'depth0:depth1:depth2_1', 'depth0:depth1_0', 'depth0:depth1_1'])
      await storage().setItem(key, 'test_data')
    expect(await storage().getKeys(undefined, { maxDepth: 0 })).toEqual(['depth0_0'])
    expect(sorted(await storage().getKeys(undefined, { maxDepth: 1 }))).toEqual(['depth0:depth1_0', 'depth0:depth1_1', 'depth0_0'])
    expect(sorted(await storage().getKeys(undefined, { maxDepth: 2 }))).toEqual(['depth0:depth1:depth2_0', 'depth0:depth1:depth2_1', 'depth0:depth1_0', 'depth0:depth1_1', 'depth0_0'])
  })

  it('round-trips objects, primitives and falsy values as JSON, and what toJSON() gives', async () => {
    await storage().setItem('data:object', { json: 'works' })
    await storage().setItem('data:true', true)
    await storage().setItem('data:zero', 0)
    await storage().setItem('data:false', false)
    await storage().setItem('data:string', { toJSON: () => 'SERIALIZED' })
    await storage().setItem('data:nested', { toJSON: () => ({ serializedObj: 'works' }) })
    expect(await storage().getItem('data:object')).toEqual({ json: 'works' })
    expect(await storage().getItem('data:true')).toBe(true)
    expect(await storage().getItem('data:zero')).toBe(0)
    expect(await storage().getItem('data:false')).toBe(false)
    expect(await storage().getItem('data:string')).toBe('SERIALIZED')
    expect(await storage().getItem('data:nested')).toEqual({ serializedObj: 'works' })
  })

  it('refuses a value that has no JSON form', async () => {
    class Opaque {}
    await expect(storage().setItem('data:opaque', new Opaque())).rejects.toThrow('Cannot stringify value')
  })

  it('round-trips raw bytes', async () => {
    const bytes = new Uint8Array([1, 2, 3, 0, 255])
    await storage().setItemRaw('data:raw', bytes)
    const read = await storage().getItemRaw('data:raw')
    expect(Buffer.from(read).toString('base64')).toBe(Buffer.from(bytes).toString('base64'))
  })

  it('sets and gets several items at once', async () => {
    await storage().setItems([{ key: 't:1', value: 'one' }, { key: 't:2', value: 'two' }])
    await storage().setItem('t:3?q=1', 'three')
    expect(await storage().getItems(['t:1', { key: 't:2' }, { key: 't:3?q=1' }, 't:missing'])).toEqual([
      { key: 't:1', value: 'one' },
      { key: 't:2', value: 'two' },
      { key: 't:3', value: 'three' },
      { key: 't:missing', value: null },
    ])
  })

  it('removes an item', async () => {
    await storage().setItem('s1:a', 'test_data')
    await storage().setItem('s1:b', 'test_data')
    await storage().removeItem('s1:a')
    expect(await storage().hasItem('s1:a')).toBe(false)
    expect(await storage().getItem('s1:a')).toBe(null)
    expect(await storage().getKeys()).toEqual(['s1:b'])
  })

  it('clears everything, and clears an empty storage', async () => {
    await storage().setItem('s1:a', 'test_data')
    await storage().setItem('s2:b', 'test_data')
    await storage().clear()
    expect(await storage().getKeys()).toEqual([])
    await storage().clear()
    expect(await storage().getKeys()).toEqual([])
  })

  it('lists and clears one base only, whatever characters it holds', async () => {
    // Asked of the driver itself: the storage filters what getKeys returns, and unstorage 2 calls a
    // root driver's clear() without a base, so neither would show a driver that takes too much.
    // `_` and `%` are wildcards of SQL LIKE, and SQLite's LIKE ignores case: none of that may leak.
    const others = ['axb:kept', 'a_bc:kept', 'pq:kept', 'up:kept', 'base:kept']
    for (const key of ['a_b:gone', 'a_b:deep:gone', 'p%:gone', 'Up:gone', 'base:sub:gone', ...others])
      await storage().setItem(key, 'test_data')
    expect(sorted(await driver().getKeys('a_b:', {}))).toEqual(['a_b:deep:gone', 'a_b:gone'])
    expect(await driver().getKeys('Up:', {})).toEqual(['Up:gone'])
    expect(await driver().getKeys('p%:', {})).toEqual(['p%:gone'])
    for (const base of ['a_b:', 'p%:', 'Up:', 'base:sub:'])
      await driver().clear!(base, {})
    expect(sorted(await storage().getKeys())).toEqual(sorted(others))
  })

  it('honours a TTL in seconds: the item is gone once it expires, and setting it again without one keeps it', async () => {
    await storage().setItem('ttl:short', 'soon gone', { ttl: 1 })
    await storage().setItem('ttl:renewed', 'first', { ttl: 1 })
    await storage().setItem('ttl:renewed', 'kept')
    await storage().setItem('ttl:long', 'kept', { ttl: 60 })
    expect(await storage().getItem('ttl:short')).toBe('soon gone')
    // The drivers this contract runs on keep time in this process: its clock moves on, not the test's.
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      vi.setSystemTime(Date.now() + 1100)
      expect(await storage().hasItem('ttl:short')).toBe(false)
      expect(await storage().getItem('ttl:short')).toBe(null)
      expect(await storage().getItem('ttl:renewed')).toBe('kept')
      expect(await storage().getItem('ttl:long')).toBe('kept')
      expect(sorted(await storage().getKeys('ttl'))).toEqual(['ttl:long', 'ttl:renewed'])
    }
    finally {
      vi.useRealTimers()
    }
  })
}
