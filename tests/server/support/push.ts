import type { Api } from '../../helpers/api'
import type { DbReader } from '../../helpers/db-reader'
import type { TestServer } from '../../helpers/server'
import type { Device, PushService, ReceivedPush } from './push-service'
import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'vitest'
import { waitUntil } from '../../helpers/wait'
import { readMetric } from './api'

/**
 * A fake clock for the push worker: the server reads the offset (ms) from this file at every tick
 * (`PULSE_TEST_CLOCK_FILE`, tests only), so a test moves time forward without waiting.
 */
export class TestClock {
  readonly file = join(tmpdir(), `pulse-clock-${randomBytes(4).toString('hex')}`)
  offsetMs = 0
  constructor() {
    writeFileSync(this.file, '0')
  }

  advance(ms: number): void {
    this.offsetMs += ms
    writeFileSync(this.file, String(this.offsetMs))
  }

  now(): number {
    return Date.now() + this.offsetMs
  }
}

export function pushEnv(clock: TestClock, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PULSE_PUSH_ALLOW_INSECURE_ENDPOINTS: '1',
    PULSE_TEST_CLOCK_FILE: clock.file,
    PULSE_PUSH_POLL_MS: '250',
    PULSE_PUSH_RETRY_BASE_MS: '200',
    ...extra,
  }
}

/** A fixed-offset zone where it is now between 12:00 and 13:00, so tests never cross a local midnight. */
export function noonZone(now = Date.now()): string {
  const offset = 12 - new Date(now).getUTCHours()
  return offset >= 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`
}

/** "HH:MM" of an instant in a zone. */
export function clockIn(timeZone: string, at: number): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at)
}

/** Subscribes a new device of the test push service for this signed-in store. */
export async function subscribeDevice(api: Api, service: PushService, alerts: Record<string, unknown> = {}): Promise<{ device: Device, id: string }> {
  const device = service.device()
  const response = await api.post('/push/subscriptions', { subscription: { endpoint: device.endpoint, keys: device.keys }, alerts })
  expect(response.status, JSON.stringify(response.body)).toBe(201)
  return { device, id: response.body.id }
}

export async function expectKey(api: Api, service: PushService): Promise<string> {
  const response = await api.get('/push/public-key')
  expect(response.status).toBe(200)
  expect(Buffer.from(response.body.publicKey, 'base64url')).toHaveLength(65)
  service.expectKey(response.body.publicKey)
  return response.body.publicKey
}

/** Waits until a device has received at least `count` pushes; returns them all. */
export async function waitForPushes(service: PushService, device: Device, count = 1, what = 'the pushes', timeoutMs = 10_000): Promise<ReceivedPush[]> {
  await waitUntil(() => service.pushesTo(device).length >= count, what, timeoutMs)
  return service.pushesTo(device)
}

/** The server's `pulse_push_deliveries_total` counters by outcome, read from /api/v1/metrics (as a loopback scraper). */
export async function pushOutcomes(serverUrl: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${serverUrl}/api/v1/metrics`)).text()
  return Object.fromEntries([...text.matchAll(/^pulse_push_deliveries_total\{outcome="(\w+)"\} (\d+)$/gm)].map(m => [m[1], Number(m[2])]))
}

/** Completed sweeps of each server's push worker: a pass over every store, due summary and the outbox. */
async function sweepsOf(servers: TestServer[]): Promise<number[]> {
  return Promise.all(servers.map(server => readMetric(server, 'pulse_push_worker_sweeps_total')))
}

/**
 * What a push worker of `storeId` has left to do at `at` on the push clock: events past its cursor,
 * pushes due (queued or being sent) and daily summaries due. Empty when it has caught up.
 */
export async function pushWorkLeft(db: DbReader, storeId: string, at: number): Promise<string[]> {
  const due = new Date(at).toISOString()
  const [cursor] = await db.all<{ cursor: number | string, log: number | string }>('select push_cursors.last_seq as cursor, stores.last_seq as log from push_cursors join stores on stores.id = push_cursors.store_id where push_cursors.store_id = ?', [storeId])
  const pushes = await db.all<{ kind: string }>('select kind from push_outbox where store_id = ? and not_before <= ?', [storeId, due])
  const summaries = await db.all('select id from push_subscriptions where store_id = ? and summary_due_at <= ?', [storeId, due])
  return [
    ...(!cursor ? ['no push cursor'] : Number(cursor.cursor) < Number(cursor.log) ? [`events ${Number(cursor.cursor) + 1}–${cursor.log} undecided`] : []),
    ...pushes.map(push => `a due ${push.kind} push`),
    ...summaries.map(() => 'a due daily summary'),
  ]
}

/**
 * The barrier before asserting that no (more) pushes came: waits until every worker of `servers`
 * finished two sweeps after this call, so at least one started after it (and read the clock as it
 * is now), and the store's work is done as of now: every event decided, no push or summary due. A
 * worker that does not run fails it.
 */
export async function waitForPushWorker(servers: TestServer[], db: DbReader, storeId: string, clock: TestClock): Promise<void> {
  const at = clock.now()
  const before = await sweepsOf(servers)
  let left: string[] = []
  await waitUntil(async () => {
    const sweeps = await sweepsOf(servers)
    left = await pushWorkLeft(db, storeId, at)
    return sweeps.every((count, i) => count >= before[i] + 2) && left.length === 0
  }, 'the push worker to catch up').catch((error: Error) => {
    throw new Error(`${error.message} (left: ${left.join(', ') || 'nothing; no sweep'})`)
  })
}
