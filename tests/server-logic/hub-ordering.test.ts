import type { LoggedEvent } from '~server/utils/events/types'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, useDb } from '~server/utils/db/connection'
import { attachClient, countChannels, detachClient, notifyCommitted, publishCommitted } from '~server/utils/events/hub'
import { StreamClient } from '~server/utils/events/stream-client'
import { waitUntil } from '../helpers/wait'

// A real SQLite event log in a temporary data dir; the hub reads gaps from it.
const dataDir = mkdtempSync(join(tmpdir(), 'pulse-hub-'))
process.env.PULSE_DATA_DIR = dataDir

const STORE = 'store-hub-test'

async function commit(seq: number): Promise<LoggedEvent> {
  const db = await useDb()
  const data = JSON.stringify({ seq, type: 'order_created' })
  await db.insertInto('events').values({ store_id: STORE, seq, type: 'order_created', payload: data, created_at: new Date().toISOString() }).execute()
  await db.updateTable('stores').set({ last_seq: seq }).where('id', '=', STORE).execute()
  return { storeId: STORE, seq, type: 'order_created', data }
}

function receivedSeqs(client: StreamClient): { seqs: () => number[] } {
  let text = ''
  client.body.pipe(new Writable({
    write(chunk, _encoding, callback) {
      text += chunk
      callback()
    },
  }))
  return { seqs: () => [...text.matchAll(/^id: (\d+)$/gm)].map(m => Number(m[1])) }
}

const until = (condition: () => boolean) => waitUntil(condition, 'the condition', 5000, 5)

describe('the hub delivers each store\'s events in seq order, once', () => {
  beforeAll(async () => {
    const db = await useDb()
    await db.insertInto('stores').values({ id: STORE, name: 'Hub', time_zone: 'UTC', currency: 'USD', next_order_number: 1001, last_seq: 0, created_at: new Date().toISOString() }).execute()
  })
  afterAll(async () => {
    await closeDb()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('fills a gap from the log, ignores late duplicates, and catches up on a bare notification', async () => {
    const client = new StreamClient(STORE, 'session', 1 << 20, detachClient)
    const out = receivedSeqs(client)
    client.startAfter(await attachClient(client))
    client.finishReplay()

    const [one, two, three] = [await commit(1), await commit(2), await commit(3)]
    publishCommitted(STORE, [three]) // arrives first: 1 and 2 are read from the log
    await until(() => out.seqs().length === 3)
    publishCommitted(STORE, [one])
    publishCommitted(STORE, [two])

    await commit(4)
    await commit(5)
    notifyCommitted(STORE, 5) // another instance committed: only the seq is known
    await until(() => out.seqs().length >= 5)
    expect(out.seqs()).toEqual([1, 2, 3, 4, 5])

    client.close('client')
    await until(() => countChannels() === 0)
  })
})
