import type { TestServer } from '../../helpers/server'
import { expect } from 'vitest'
import { Api, registerStore } from '../../helpers/api'

let counter = 0
export const MEMBER_PASSWORD = 'staff horse battery'

/** A fresh email for an invited member. */
export function newEmail(prefix = 'member'): string {
  return `${prefix}${Date.now().toString(36)}${counter++}@example.test`
}

/** The owner invites someone with `role`; they sign up from the token. Returns their signed-in client. */
export async function addMember(server: TestServer, owner: Api, role: 'owner' | 'manager' | 'staff', email = newEmail(role)): Promise<{ api: Api, userId: string, email: string }> {
  const invitation = await owner.post('/team/invitations', { role })
  expect(invitation.status).toBe(201)
  const accepted = await new Api(server.url).post('/auth/accept-invitation', { token: invitation.body.token, email, password: MEMBER_PASSWORD })
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(201)
  return { api: new Api(server.url, accepted.body.token), userId: accepted.body.user.id, email }
}

/** Pairs a counter device with the owner's (or manager's) store. Returns its signed-in client and id. */
export async function pairDevice(server: TestServer, owner: Api, deviceName = 'Counter tablet'): Promise<{ api: Api, deviceId: string }> {
  const code = await owner.post('/devices/pairing-codes', {})
  expect(code.status).toBe(201)
  const paired = await new Api(server.url).post('/auth/pair', { code: code.body.code, deviceName })
  expect(paired.status, JSON.stringify(paired.body)).toBe(201)
  return { api: new Api(server.url, paired.body.token), deviceId: paired.body.device.id }
}

/** Creates an API key with `scopes`. Returns a client that sends it, and its id. */
export async function createKey(server: TestServer, owner: Api, scopes: string[], name = 'Till'): Promise<{ api: Api, keyId: string, key: string }> {
  const created = await owner.post('/api-keys', { name, scopes })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  return { api: new Api(server.url, created.body.key), keyId: created.body.id, key: created.body.key }
}

/** A store with one principal of each kind. */
export async function teamStore(server: TestServer) {
  const { api: owner, auth } = await registerStore(server.url)
  const manager = await addMember(server, owner, 'manager')
  const staff = await addMember(server, owner, 'staff')
  const display = await pairDevice(server, owner)
  return { owner, auth, manager, staff, display }
}

export function del(api: Api, path: string) {
  return api.request('DELETE', path)
}
