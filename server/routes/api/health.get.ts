import { sql } from 'kysely'
import { defineHandler } from 'nitro'
import { useDb } from '~server/utils/db/connection'

export default defineHandler(async () => {
  await sql`select 1`.execute(await useDb())
  return { ok: true }
})
