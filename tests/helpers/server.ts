import type { PulseServer } from '../../bench/lib/server.mjs'
import type { Backend } from './databases'
import { startPulse } from '../../bench/lib/server.mjs'
import { createTestDatabase } from './databases'

export interface TestServer extends PulseServer {
  /** Kills the server and removes its data (and its PostgreSQL database). */
  dispose: () => Promise<void>
}

export interface StartOptions {
  backend?: Backend
  env?: Record<string, string>
  /** Reuse a database URL (for several instances of one cluster). */
  databaseUrl?: string
}

/**
 * Starts the production build the way the benchmarks do (bench/lib/server.mjs), on a database of its
 * own when `backend` is postgres.
 */
export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  const database = options.backend === 'postgres' && !options.databaseUrl ? await createTestDatabase() : undefined
  const databaseUrl = options.databaseUrl ?? database?.url
  try {
    // Every test signs up from 127.0.0.1: registrations are unlimited unless a test sets the limit.
    const server = await startPulse({ env: { PULSE_REGISTER_MAX_PER_HOUR: '0', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}), ...options.env } })
    const removeData = server.dispose
    // Assigned, not spread: `child` and `pid` are getters that follow restarts.
    return Object.assign(server, {
      async dispose() {
        await removeData('SIGKILL')
        await database?.drop()
      },
    })
  }
  catch (error) {
    await database?.drop()
    throw error
  }
}
