import type { DbReader } from '../helpers/db-reader'
import type { StartOptions, TestServer } from '../helpers/server'
import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { BACKENDS } from '../helpers/databases'
import { openDbReader } from '../helpers/db-reader'
import { startServer } from '../helpers/server'
import { useSuiteResource } from '../helpers/suite-resource'

/** Where counters and sessions live: SQLite, PostgreSQL, and Redis (on SQLite) when TEST_REDIS_URL is set. */
export const STATE_BACKENDS = [...BACKENDS, ...(process.env.TEST_REDIS_URL ? ['redis' as const] : [])]
export type StateBackend = typeof STATE_BACKENDS[number]

/** A test server on one backend; on Redis its keys carry a prefix of its own, removed on dispose. */
export async function startOn(backend: StateBackend, env: Record<string, string> = {}, options: StartOptions = {}): Promise<TestServer> {
  if (backend !== 'redis')
    return startServer({ ...options, backend, env: { PULSE_REGISTER_MAX_PER_HOUR: '0', ...env } })
  const prefix = `pulse-sec-test-${randomBytes(6).toString('hex')}`
  const server = await startServer({ ...options, backend: 'sqlite', env: { REDIS_URL: process.env.TEST_REDIS_URL!, PULSE_REDIS_PREFIX: prefix, PULSE_REGISTER_MAX_PER_HOUR: '0', ...env } })
  const dispose = server.dispose
  server.dispose = async () => {
    await dispose()
    const redis = new Redis(process.env.TEST_REDIS_URL!)
    try {
      const keys = await redis.keys(`${prefix}:*`)
      if (keys.length > 0)
        await redis.del(...keys)
    }
    finally {
      redis.disconnect()
    }
  }
  return server
}

export interface SecurityServerContext {
  readonly server: TestServer
  readonly db: DbReader
}

/**
 * The suite's server on `backend` (registration unlimited unless `env` says otherwise, since every
 * test signs up from 127.0.0.1), started before its tests and disposed of after them; with `db`, a
 * reader on its database too.
 */
export function useServerOn(backend: StateBackend, env: Record<string, string> = {}, { db = false } = {}): SecurityServerContext {
  const server = useSuiteResource('the test server', () => startOn(backend, env), started => started.dispose())
  const reader = db
    ? useSuiteResource('the database reader', () => openDbReader(server()), opened => opened.close())
    : () => { throw new Error('useServerOn was called without { db: true }') }
  return {
    get server() { return server() },
    get db() { return reader() },
  }
}

export function uniqueEmail(tag: string): string {
  return `${tag}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}@example.test`
}

export const PASSWORD = 'correct horse'
