import type { Role } from '~shared/domain'

// Tables of a store's team: memberships, invitations, counter devices, pairing codes, API keys.

export interface MembershipsTable {
  store_id: string
  user_id: string
  role: Role
  created_at: string
  last_seen_at: string | null
}

export interface InvitationsTable {
  id: string
  store_id: string
  role: Role
  email: string | null
  token_hash: string
  created_by: string
  created_at: string
  expires_at: string
  accepted_at: string | null
  accepted_by: string | null
}

export interface DevicesTable {
  id: string
  store_id: string
  name: string
  /** The one session its pairing created (a device signs in only by pairing). */
  session_id: string | null
  created_by: string
  created_at: string
  last_seen_at: string | null
  revoked_at: string | null
}

export interface PairingCodesTable {
  code_hash: string
  store_id: string
  name: string | null
  created_by: string
  created_at: string
  expires_at: string
  used_at: string | null
}

export interface ApiKeysTable {
  id: string
  store_id: string
  name: string
  /** JSON array of scopes. */
  scopes: string
  key_hash: string
  prefix: string
  created_by: string
  created_at: string
  last_used_at: string | null
  revoked_at: string | null
  /** The session its event streams run under, so a revocation closes them on every instance. */
  stream_session_id: string | null
}

export interface TeamTables {
  memberships: MembershipsTable
  invitations: InvitationsTable
  devices: DevicesTable
  pairing_codes: PairingCodesTable
  api_keys: ApiKeysTable
}
