import { randomBytes } from 'node:crypto'
import pg from 'pg'

/** The backends every integration suite runs against: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const BACKENDS = ['sqlite', ...(process.env.TEST_DATABASE_URL ? ['postgres' as const] : [])] as const
export type Backend = typeof BACKENDS[number]

/** Creates a fresh PostgreSQL database for one test file and returns its URL and a drop function. */
export async function createTestDatabase(): Promise<{ url: string, drop: () => Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL
  if (!adminUrl)
    throw new Error('TEST_DATABASE_URL is not set')
  const name = `pulse_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl })
      await client.connect()
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await client.end()
    },
  }
}
