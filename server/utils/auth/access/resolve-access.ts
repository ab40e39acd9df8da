import type { H3Event } from 'h3'
import type { ApiKeyScope, Role } from '~shared/types/api'
import type { Db, Dialect } from '../../db/connection'
import type { StoresTable } from '../../db/schema'
import type { Session } from '../sessions/sessions'
import type { Access, Principal } from './principal'
import { openedConnection, useConnection } from '../../db/connection'
import { precompile } from '../../db/precompiled-query'
import { createApiError } from '../../http/errors'
import { hashSecret } from '../passwords/secrets'
import { readToken, sessionOfToken } from '../sessions/require-session'
import { getRecentSession, hashToken } from '../sessions/sessions'
import { isTouchDue, isTouchedRecently } from '../sessions/touch-throttle'
import { actorOf } from './principal'

export const API_KEY_PREFIX = 'pulse_sk_'

function noAccess(message: string): Error {
  return createApiError('unauthorized', message)
}

// Every request and stream runs one of these: compiled once, not per request.
const selectApiKey = precompile((db, keyHash: string) => db.selectFrom('api_keys')
  .innerJoin('stores', 'stores.id', 'api_keys.store_id')
  .selectAll('stores')
  .select(['api_keys.id as key_id', 'api_keys.name as key_name', 'api_keys.scopes'])
  .where('api_keys.key_hash', '=', keyHash)
  .where('api_keys.revoked_at', 'is', null))

type MemberRow = StoresTable & { role: Role, email: string }

const selectMember = precompile<[string, string], MemberRow>((db, userId: string, storeId: string) => db.selectFrom('memberships')
  .innerJoin('users', 'users.id', 'memberships.user_id')
  .innerJoin('stores', 'stores.id', 'memberships.store_id')
  .selectAll('stores')
  .select(['memberships.role', 'users.email'])
  .where('memberships.user_id', '=', userId)
  .where('memberships.store_id', '=', storeId))

const selectDevice = precompile((db, deviceId: string, storeId: string) => db.selectFrom('devices')
  .innerJoin('stores', 'stores.id', 'devices.store_id')
  .selectAll('stores')
  .select('devices.name as device_name')
  .where('devices.id', '=', deviceId)
  .where('devices.store_id', '=', storeId)
  .where('devices.revoked_at', 'is', null))

async function byApiKey(db: Db, key: string): Promise<{ principal: Principal, store: StoresTable }> {
  const [row] = await selectApiKey(db, hashSecret(key))
  if (!row)
    throw noAccess('This API key is unknown or revoked.')
  if (isTouchDue(`api_key:${row.key_id}`))
    await db.updateTable('api_keys').set({ last_used_at: new Date().toISOString() }).where('id', '=', row.key_id).execute()
  const { key_id, key_name, scopes, ...store } = row
  return { principal: { type: 'api_key', id: key_id, name: key_name, role: null, scopes: JSON.parse(scopes) as ApiKeyScope[] }, store }
}

interface Found { principal: Principal, store: StoresTable }

const memberTouchKey = (session: Session) => `member:${session.storeId}:${session.userId}`

function memberFound(session: Session, member: MemberRow): Found {
  const { role, email, ...store } = member
  return { principal: { type: 'user', id: session.userId, name: email, role, session }, store }
}

// A device's session carries the device's id where a member's carries the user's: both are UUIDs of their
// own tables, so the session format stays the same for both.
async function bySession(db: Db, session: Session): Promise<Found> {
  const [member] = await selectMember(db, session.userId, session.storeId)
  if (member) {
    if (isTouchDue(memberTouchKey(session)))
      await db.updateTable('memberships').set({ last_seen_at: new Date().toISOString() }).where('store_id', '=', session.storeId).where('user_id', '=', session.userId).execute()
    return memberFound(session, member)
  }
  const [device] = await selectDevice(db, session.userId, session.storeId)
  if (!device)
    throw noAccess('This session no longer has access to its store.')
  if (isTouchDue(`device:${session.userId}`))
    await db.updateTable('devices').set({ last_seen_at: new Date().toISOString() }).where('id', '=', session.userId).execute()
  const { device_name, ...store } = device
  return { principal: { type: 'device', id: session.userId, name: device_name, role: 'display', session }, store }
}

/**
 * Who the request is, in which store, with what role: `Authorization: Bearer pulse_sk_…` is an API key
 * (in the session cookie it is refused), any other token a session. The role is read from the membership on every request, so a changed role or
 * a removed member holds at once on every instance. 401 without a valid principal.
 */
export async function resolveAccess(event: H3Event): Promise<Access> {
  const cached = event.context.access as Access | undefined
  if (cached)
    return cached
  const access = await resolveTokenAccess(readToken(event), event.req.headers.has('authorization'))
  event.context.access = access
  return access
}

/**
 * What resolveTokenAccess finds when every step of a member's session is at hand: the session cached and
 * its use recorded within the minute, the membership read straight from SQLite, its use recorded too.
 * Undefined when any step has to wait (or write): the full check runs then. Thousands of streams connect
 * at once, each with its own token and usually the same few sessions: this answers them without a turn of
 * the event loop each.
 */
function memberAccessNow(token: string): Access | undefined {
  const connection = openedConnection()
  if (!connection || token.startsWith(API_KEY_PREFIX))
    return undefined
  const session = getRecentSession(hashToken(token))
  const member = session && isTouchedRecently(memberTouchKey(session)) ? selectMember.now(connection.db, session.userId, session.storeId)?.[0] : undefined
  return member ? accessOf(memberFound(session!, member), connection) : undefined
}

function accessOf({ principal, store }: Found, { db, dialect }: { db: Db, dialect: Dialect }): Access {
  return { principal, store, storeId: store.id, db, dialect, actor: actorOf(principal) }
}

/**
 * resolveAccess from a request's raw token, and whether it came in the Authorization header: the
 * access at once when nothing has to be waited for, else a promise of it.
 */
export function resolveTokenAccess(token: string | undefined, inAuthorizationHeader: boolean): Access | Promise<Access> {
  return (token && memberAccessNow(token)) || checkTokenAccess(token, inAuthorizationHeader)
}

async function checkTokenAccess(token: string | undefined, inAuthorizationHeader: boolean): Promise<Access> {
  const { db, dialect }: { db: Db, dialect: Dialect } = openedConnection() ?? await useConnection()
  const isKey = token?.startsWith(API_KEY_PREFIX)
  // A key is a server-to-server secret: in a cookie it would ride along on every browser request.
  if (isKey && !inAuthorizationHeader)
    throw noAccess('An API key goes in the Authorization header (Bearer), never in the session cookie.')
  const found = isKey
    ? await byApiKey(db, token!)
    : await bySession(db, await sessionOfToken(token))
  return accessOf(found, { db, dialect })
}
