import type { Db } from '../db/connection'
import webpush from 'web-push'
import { usePushConfig } from '../config'

export interface VapidKeys { publicKey: string, privateKey: string, subject: string }

let cached: Promise<VapidKeys> | undefined

async function loadKeys(db: Db): Promise<VapidKeys> {
  const { vapidSubject: subject, vapidPublicKey, vapidPrivateKey } = usePushConfig()
  const fromEnv = { publicKey: vapidPublicKey, privateKey: vapidPrivateKey }
  if (fromEnv.publicKey || fromEnv.privateKey) {
    if (!fromEnv.publicKey || !fromEnv.privateKey)
      throw new Error('Set both PULSE_VAPID_PUBLIC_KEY and PULSE_VAPID_PRIVATE_KEY, or neither')
    webpush.setVapidDetails(subject, fromEnv.publicKey, fromEnv.privateKey) // validates them
    return { publicKey: fromEnv.publicKey, privateKey: fromEnv.privateKey, subject }
  }
  // Created on the first start and kept in the database, so every instance signs with the same pair and
  // subscriptions survive restarts. Two instances starting at once: the first insert wins, both read it.
  const generated = webpush.generateVAPIDKeys()
  await db.insertInto('push_vapid')
    .values({ id: 'default', public_key: generated.publicKey, private_key: generated.privateKey, created_at: new Date().toISOString() })
    .onConflict(oc => oc.column('id').doNothing())
    .execute()
  const row = await db.selectFrom('push_vapid').selectAll().where('id', '=', 'default').executeTakeFirstOrThrow()
  return { publicKey: row.public_key, privateKey: row.private_key, subject }
}

export function useVapidKeys(db: Db): Promise<VapidKeys> {
  cached ??= loadKeys(db).catch((error) => {
    cached = undefined
    throw error
  })
  return cached
}
