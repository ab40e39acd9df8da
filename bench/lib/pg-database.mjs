import { randomBytes } from 'node:crypto'
import pg from 'pg'

/** Runs `run(url)` on a fresh PostgreSQL database created through `adminUrl`, and drops it after. */
export async function withDatabase(adminUrl, run) {
  const name = `pulse_bench_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  try {
    return await run(url.toString())
  }
  finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.end()
  }
}
