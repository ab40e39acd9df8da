import type { Api } from '../../helpers/api'
import type { Device, PushService, ReceivedPush } from './push-service'
import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'vitest'
import { waitUntil } from './wait'

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

export const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

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
