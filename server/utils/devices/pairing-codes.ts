import type { Actor, PairingCode } from '~shared/types/api'
import type { Db } from '../db/connection'
import { hashSecret, randomPairingCode } from '../auth/passwords/secrets'
import { useConnection } from '../db/connection'
import { assertBelowCap, CAPS } from '../limits/caps'
import { inTeamTransaction } from '../team/memberships'

const PAIRING_TTL_MS = 10 * 60_000

/**
 * A single-use code that pairs one counter device with the store within 10 minutes; stored only hashed.
 * 409 `limit_reached` when the store already has `CAPS.openPairingCodesPerStore` unused ones.
 */
export async function createPairingCode(db: Db, storeId: string, name: string | null | undefined, by: Actor): Promise<PairingCode> {
  const code = randomPairingCode()
  const now = Date.now()
  const expiresAt = new Date(now + PAIRING_TTL_MS).toISOString()
  const { dialect } = await useConnection()
  await inTeamTransaction(db, dialect, storeId, async (trx) => {
    const open = await trx.selectFrom('pairing_codes').select(eb => eb.fn.countAll<number>().as('n')).where('store_id', '=', storeId).where('used_at', 'is', null).where('expires_at', '>', new Date(now).toISOString()).executeTakeFirstOrThrow()
    assertBelowCap(open.n, CAPS.openPairingCodesPerStore, `This store already has ${CAPS.openPairingCodesPerStore} unused pairing codes (the limit): use them or wait for them to expire (10 minutes).`)
    await trx.insertInto('pairing_codes').values({
      code_hash: hashSecret(code),
      store_id: storeId,
      name: name || null,
      created_by: JSON.stringify(by),
      created_at: new Date(now).toISOString(),
      expires_at: expiresAt,
      used_at: null,
    }).execute()
  })
  // Spent and expired codes are kept a day for the answers "used"/"expired", then dropped.
  await db.deleteFrom('pairing_codes').where('expires_at', '<', new Date(now - 86_400_000).toISOString()).execute()
  return { code, expiresAt }
}
