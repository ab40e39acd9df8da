import type { Actor, CreatedInvitation, Invitation, Role } from '~shared/types/api'
import type { Db } from '../db/connection'
import type { InvitationsTable } from '../db/team-tables'
import { hashSecret, randomToken } from '../auth/passwords/secrets'
import { useConnection } from '../db/connection'
import { newId } from '../db/new-id'
import { createApiError } from '../http/errors'
import { assertBelowCap, CAPS } from '../limits/caps'
import { inTeamTransaction } from './memberships'

const INVITATION_TTL_MS = 7 * 86_400_000

function toInvitation(row: InvitationsTable): Invitation {
  return { id: row.id, role: row.role, email: row.email, createdAt: row.created_at, expiresAt: row.expires_at }
}

/**
 * The link to send: the token rides in the fragment (`#token=`), which browsers never send to a server,
 * so it cannot land in an access log or a Referer; the /join page posts it in a JSON body.
 */
export function invitationUrl(origin: string, token: string): string {
  return `${origin}/join#token=${token}`
}

/**
 * Creates a single-use invitation valid for 7 days; its token is returned once and stored only hashed.
 * 409 `limit_reached` when the store already has `CAPS.openInvitationsPerStore` open ones.
 */
export async function createInvitation(db: Db, storeId: string, input: { role: Role, email?: string | null }, by: Actor, origin: string): Promise<CreatedInvitation> {
  const token = randomToken()
  const now = Date.now()
  const row: InvitationsTable = {
    id: newId(),
    store_id: storeId,
    role: input.role,
    email: input.email ?? null,
    token_hash: hashSecret(token),
    created_by: JSON.stringify(by),
    created_at: new Date(now).toISOString(),
    expires_at: new Date(now + INVITATION_TTL_MS).toISOString(),
    accepted_at: null,
    accepted_by: null,
  }
  const { dialect } = await useConnection()
  await inTeamTransaction(db, dialect, storeId, async (trx) => {
    const open = await trx.selectFrom('invitations').select(eb => eb.fn.countAll<number>().as('n')).where('store_id', '=', storeId).where('accepted_at', 'is', null).where('expires_at', '>', row.created_at).executeTakeFirstOrThrow()
    assertBelowCap(open.n, CAPS.openInvitationsPerStore, `This store already has ${CAPS.openInvitationsPerStore} open invitations (the limit): revoke some first.`)
    await trx.insertInto('invitations').values(row).execute()
  })
  return { ...toInvitation(row), token, url: invitationUrl(origin, token) }
}

/** The store's invitations that can still be accepted. */
export async function listInvitations(db: Db, storeId: string): Promise<Invitation[]> {
  const rows = await db.selectFrom('invitations').selectAll().where('store_id', '=', storeId).where('accepted_at', 'is', null).where('expires_at', '>', new Date().toISOString()).orderBy('created_at', 'desc').execute()
  return rows.map(toInvitation)
}

export async function revokeInvitation(db: Db, storeId: string, id: string): Promise<void> {
  const result = await db.deleteFrom('invitations').where('id', '=', id).where('store_id', '=', storeId).where('accepted_at', 'is', null).executeTakeFirst()
  if (Number(result.numDeletedRows) === 0)
    throw createApiError('invitation_not_found')
}
