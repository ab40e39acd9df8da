import { randomUUID } from 'node:crypto'
import { expect, it } from 'vitest'
import { newConnectionId } from '~server/utils/events/connection-id'

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

it('makes version 4 UUIDs as randomUUID does, never the same twice, across refills of its random bytes', () => {
  expect(randomUUID()).toMatch(UUID_V4)
  const ids = Array.from({ length: 3000 }, () => newConnectionId())
  for (const id of ids) expect(id).toMatch(UUID_V4)
  expect(new Set(ids).size).toBe(ids.length)
  // Every hex digit shows up in every random position: the bytes are used, not a constant.
  const positions = [...'00000000-0000-0000-0000-000000000000'].map((c, i) => i).filter(i => ![8, 13, 14, 18, 19, 23].includes(i))
  for (const at of positions) expect(new Set(ids.map(id => id[at])).size).toBe(16)
})
