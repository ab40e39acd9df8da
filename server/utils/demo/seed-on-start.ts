import type { Db } from '../db/connection'
import { useConfig } from '../config'
import { DEMO_EMAIL, DEMO_PASSWORD, seedDemoStore } from './seed-demo-store'

/** On an empty database, creates the demo store and prints how to sign in. */
export async function seedDemoIfEmpty(db: Db): Promise<void> {
  const any = await db.selectFrom('stores').select('id').limit(1).executeTakeFirst()
  if (!any) {
    try {
      const { orders } = await seedDemoStore(db)
      console.log(`[pulse] created the demo store "Demo Coffee" with ${orders} orders over 30 days`)
    }
    catch (error) {
      // Another instance seeded the same empty database at the same moment.
      if (!await db.selectFrom('users').select('id').where('email', '=', DEMO_EMAIL).executeTakeFirst())
        throw error
    }
  }
  if (await db.selectFrom('users').select('id').where('email', '=', DEMO_EMAIL).executeTakeFirst()) {
    console.log(`[pulse] open http://localhost:${useConfig().port} and sign in as ${DEMO_EMAIL} / ${DEMO_PASSWORD}`)
  }
}
