import type { InvitationPreview, Role, Store, User } from '~shared/types/api'
import type { Db } from '../db/connection'
import type { UsersTable } from '../db/schema'
import type { InvitationsTable } from '../db/team-tables'
import { randomUUID } from 'node:crypto'
import { hashPassword } from '../auth/passwords/password'
import { assertStrongPassword } from '../auth/passwords/password-strength'
import { hashSecret } from '../auth/passwords/secrets'
import { toStore, toUser } from '../db/store-user'
import { createApiError } from '../http/errors'
import { announceJoined } from './end-access'

/**
 * Who joins: the signed-in user, or an email and password for a new account. An existing account proves
 * itself by being signed in, never by a password typed into someone else's invitation.
 */
export type Joiner = { userId: string } | { email: string, password: string }

export function emailTaken(): Error {
  return createApiError('email_taken', 'An account with this email exists: sign in with it, then open the invitation link again.')
}

/** The open invitation behind a token: 404 unknown (or revoked), 409 used, 410 expired. */
async function findOpenInvitation(db: Db, token: string): Promise<InvitationsTable> {
  const row = await db.selectFrom('invitations').selectAll().where('token_hash', '=', hashSecret(token)).executeTakeFirst()
  if (!row)
    throw createApiError('invitation_not_found', 'This invitation link is wrong or was revoked.')
  if (row.accepted_at)
    throw createApiError('invitation_used')
  if (row.expires_at <= new Date().toISOString())
    throw createApiError('invitation_expired')
  return row
}

/**
 * What an invitation link offers, before anyone joins: the store's name and the role (and the address it
 * is limited to). The same answers as accepting it for a wrong, used or expired link.
 */
export async function previewInvitation(db: Db, token: string): Promise<InvitationPreview> {
  const row = await findOpenInvitation(db, token)
  const store = await db.selectFrom('stores').select('name').where('id', '=', row.store_id).executeTakeFirstOrThrow()
  return { storeName: store.name, role: row.role, email: row.email ?? null, expiresAt: row.expires_at }
}

async function resolveJoiner(db: Db, joiner: Joiner, storeId: string): Promise<{ existing: UsersTable | undefined, fresh: UsersTable | undefined }> {
  if ('userId' in joiner) {
    const existing = await db.selectFrom('users').selectAll().where('id', '=', joiner.userId).executeTakeFirst()
    if (!existing)
      throw createApiError('unauthorized', 'The user of this session no longer exists.')
    return { existing, fresh: undefined }
  }
  // The password is judged before the email is looked up: a weak one gets the same answer either way.
  await assertStrongPassword(joiner.password, [joiner.email, joiner.email.split('@')[0]])
  if (await db.selectFrom('users').select('id').where('email', '=', joiner.email).executeTakeFirst())
    throw emailTaken()
  const fresh = { id: randomUUID(), store_id: storeId, email: joiner.email, password_hash: await hashPassword(joiner.password), created_at: new Date().toISOString() }
  return { existing: undefined, fresh }
}

function assertInvitedEmail(invitation: InvitationsTable, email: string): void {
  if (invitation.email && invitation.email !== email)
    throw createApiError('invitation_email_mismatch')
}

/**
 * Accepts an invitation: the user (new or existing) becomes a member of the invitation's store with its
 * role. Single use: the invitation is claimed in the same transaction that adds the membership.
 */
export async function acceptInvitation(db: Db, token: string, joiner: Joiner): Promise<{ user: User, store: Store, role: Role }> {
  const invitation = await findOpenInvitation(db, token)
  if ('email' in joiner)
    assertInvitedEmail(invitation, joiner.email)
  const { existing, fresh } = await resolveJoiner(db, joiner, invitation.store_id)
  const user = (existing ?? fresh)!
  assertInvitedEmail(invitation, user.email)
  const now = new Date().toISOString()
  try {
    await db.transaction().execute(async (trx) => {
      const claimed = await trx.updateTable('invitations').set({ accepted_at: now, accepted_by: user.id }).where('id', '=', invitation.id).where('accepted_at', 'is', null).executeTakeFirst()
      if (Number(claimed.numUpdatedRows) !== 1)
        throw createApiError('invitation_used')
      if (fresh)
        await trx.insertInto('users').values(fresh).execute()
      const member = await trx.selectFrom('memberships').select('role').where('store_id', '=', invitation.store_id).where('user_id', '=', user.id).executeTakeFirst()
      if (member)
        throw createApiError('already_member', `You already belong to this store (as ${member.role}).`)
      await trx.insertInto('memberships').values({ store_id: invitation.store_id, user_id: user.id, role: invitation.role, created_at: now, last_seen_at: null }).execute()
    })
  }
  catch (error) {
    if (fresh && await db.selectFrom('users').select('id').where('email', '=', fresh.email).where('id', '!=', fresh.id).executeTakeFirst())
      throw emailTaken()
    throw error
  }
  if (existing)
    announceJoined(user.id, invitation.store_id)
  const store = await db.selectFrom('stores').selectAll().where('id', '=', invitation.store_id).executeTakeFirstOrThrow()
  return { user: { ...toUser(user), storeId: store.id }, store: toStore(store), role: invitation.role }
}
