import { randomBytes } from 'node:crypto'
import pg from 'pg'

async function asAdmin(adminUrl, statement) {
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    await admin.query(statement)
  }
  finally {
    await admin.end()
  }
}

/**
 * Creates a fresh PostgreSQL database through `adminUrl`, named `<prefix>_<random>`: its URL, and `drop()`
 * (which also ends the connections still open to it).
 */
export async function createDatabase(adminUrl, prefix) {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`
  await asAdmin(adminUrl, `CREATE DATABASE ${name}`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return { url: url.toString(), drop: () => asAdmin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) }
}

/** Runs `run(url)` on a fresh PostgreSQL database created through `adminUrl`, and drops it after. */
export async function withDatabase(adminUrl, run) {
  const database = await createDatabase(adminUrl, 'pulse_bench')
  try {
    return await run(database.url)
  }
  finally {
    await database.drop()
  }
}
