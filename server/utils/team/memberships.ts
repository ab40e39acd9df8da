import type { Role, TeamMember } from '~shared/types/api'
import type { Db, Dialect, Trx } from '../db/connection'
import { createApiError } from '../http/errors'

export function memberNotFound(): Error {
  return createApiError('member_not_found')
}

/** The store a user signs in to: the one they registered if they still belong to it, else their oldest membership. */
export async function findSignInStoreId(db: Db, userId: string, homeStoreId: string): Promise<string | undefined> {
  const rows = await db.selectFrom('memberships').select(['store_id', 'created_at']).where('user_id', '=', userId).orderBy('created_at').execute()
  return rows.find(row => row.store_id === homeStoreId)?.store_id ?? rows[0]?.store_id
}

export async function listMembers(db: Db | Trx, storeId: string): Promise<TeamMember[]> {
  const rows = await db.selectFrom('memberships').innerJoin('users', 'users.id', 'memberships.user_id').select(['memberships.user_id', 'users.email', 'memberships.role', 'memberships.created_at', 'memberships.last_seen_at']).where('memberships.store_id', '=', storeId).orderBy('memberships.created_at').execute()
  return rows.map(row => ({ userId: row.user_id, email: row.email, role: row.role, createdAt: row.created_at, lastSeenAt: row.last_seen_at }))
}

/**
 * Runs a change to a store's team in a transaction that holds the store's row, so that two owners
 * demoting or removing each other at once cannot leave the store without an owner.
 */
export async function inTeamTransaction<T>(db: Db, dialect: Dialect, storeId: string, change: (trx: Trx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    if (dialect === 'postgres')
      await trx.selectFrom('stores').select('id').where('id', '=', storeId).forUpdate().execute()
    return change(trx)
  })
}

async function assertAnotherOwner(trx: Trx, storeId: string, userId: string): Promise<void> {
  const others = await trx.selectFrom('memberships').select('user_id').where('store_id', '=', storeId).where('role', '=', 'owner').where('user_id', '!=', userId).executeTakeFirst()
  if (!others)
    throw createApiError('last_owner')
}

async function findRole(trx: Trx, storeId: string, userId: string): Promise<Role> {
  const row = await trx.selectFrom('memberships').select('role').where('store_id', '=', storeId).where('user_id', '=', userId).executeTakeFirst()
  if (!row)
    throw memberNotFound()
  return row.role
}

export async function changeMemberRole(db: Db, dialect: Dialect, storeId: string, userId: string, role: Role): Promise<TeamMember> {
  return inTeamTransaction(db, dialect, storeId, async (trx) => {
    const current = await findRole(trx, storeId, userId)
    if (current === 'owner' && role !== 'owner')
      await assertAnotherOwner(trx, storeId, userId)
    await trx.updateTable('memberships').set({ role }).where('store_id', '=', storeId).where('user_id', '=', userId).execute()
    return (await listMembers(trx, storeId)).find(member => member.userId === userId)!
  })
}

export async function removeMember(db: Db, dialect: Dialect, storeId: string, userId: string): Promise<void> {
  await inTeamTransaction(db, dialect, storeId, async (trx) => {
    if (await findRole(trx, storeId, userId) === 'owner')
      await assertAnotherOwner(trx, storeId, userId)
    await trx.deleteFrom('memberships').where('store_id', '=', storeId).where('user_id', '=', userId).execute()
  })
}
