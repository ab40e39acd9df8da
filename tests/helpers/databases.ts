import { createDatabase } from '../../bench/lib/pg-database.mjs'

/** The backends every integration suite runs against: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const BACKENDS = ['sqlite', ...(process.env.TEST_DATABASE_URL ? ['postgres' as const] : [])] as const
export type Backend = typeof BACKENDS[number]

/** Creates a fresh PostgreSQL database for one test file and returns its URL and a drop function. */
export async function createTestDatabase(): Promise<{ url: string, drop: () => Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL
  if (!adminUrl)
    throw new Error('TEST_DATABASE_URL is not set')
  return createDatabase(adminUrl, `pulse_test_${Date.now().toString(36)}`)
}
