import type { TestServer } from './server'
import { randomBytes } from 'node:crypto'
import { createTestDatabase } from './databases'
import { startServer } from './server'

/** The wake-up buses the cluster suites run on: NOTIFY always, NATS when TEST_NATS_URL is set. */
export const WAKE_UP_BUSES = ['pg-notify', ...(process.env.TEST_NATS_URL ? ['nats' as const] : [])] as const
export type WakeUpBusName = typeof WAKE_UP_BUSES[number] | 'nats'

export interface TestCluster {
  instances: TestServer[]
  databaseUrl: string
  dispose: () => Promise<void>
}

/**
 * Starts `count` instances of the production build on one fresh PostgreSQL database, sharing Redis
 * (under a key prefix of their own) when `redis` is set and TEST_REDIS_URL is given, and waking each
 * other through `bus` (PostgreSQL NOTIFY by default; `nats` needs TEST_NATS_URL).
 */
export async function startCluster(count: number, options: { redis?: boolean, bus?: WakeUpBusName, env?: Record<string, string> } = {}): Promise<TestCluster> {
  const env: Record<string, string> = { ...options.env }
  if (options.bus === 'nats') {
    if (!process.env.TEST_NATS_URL)
      throw new Error('TEST_NATS_URL is not set')
    env.PULSE_NATS_URL = process.env.TEST_NATS_URL
  }
  const database = await createTestDatabase()
  if (options.redis && process.env.TEST_REDIS_URL) {
    env.REDIS_URL = process.env.TEST_REDIS_URL
    env.PULSE_REDIS_PREFIX = `pulse-test-${randomBytes(4).toString('hex')}`
  }
  const instances: TestServer[] = []
  try {
    // The first instance migrates; the others start once it is up.
    instances.push(await startServer({ databaseUrl: database.url, env }))
    instances.push(...await Promise.all(Array.from({ length: count - 1 }, () => startServer({ databaseUrl: database.url, env }))))
  }
  catch (error) {
    await Promise.all(instances.map(instance => instance.dispose()))
    await database.drop()
    throw error
  }
  return {
    instances,
    databaseUrl: database.url,
    async dispose() {
      await Promise.all(instances.map(instance => instance.dispose()))
      await database.drop()
    },
  }
}
