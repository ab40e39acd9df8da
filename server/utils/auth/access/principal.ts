import type { Actor, ApiKeyScope, Role } from '~shared/types/api'
import type { Db, Dialect } from '../../db/connection'
import type { StoresTable } from '../../db/schema'
import type { Session } from '../sessions/sessions'

/** Who is asking, in which store: a member (by session), a paired device (by session) or an API key. */
export type Principal
  = | { type: 'user', id: string, name: string, role: Role, session: Session }
    | { type: 'device', id: string, name: string, role: 'display', session: Session }
    | { type: 'api_key', id: string, name: string, role: null, scopes: ApiKeyScope[] }

/** A request's principal with its store and the database: what every store-scoped route starts with. */
export interface Access {
  principal: Principal
  store: StoresTable
  storeId: string
  db: Db
  dialect: Dialect
  actor: Actor
}

export function actorOf(principal: Principal): Actor {
  return { type: principal.type, id: principal.id, name: principal.name }
}
