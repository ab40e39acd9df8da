import type { Action } from '~server/utils/auth/access/permissions'
import type { ApiKeyScope, OrderStatus, Role } from '~shared/types/api'
import type { Api, ApiResponse } from '../helpers/api'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { beforeAll, expect, it } from 'vitest'
import { ROLE_PERMISSIONS, SCOPE_PERMISSIONS, scopeFor, STATUS_ACTIONS } from '~server/utils/auth/access/permissions'
import { registerStore } from '../helpers/api'
import { SseClient } from '../helpers/sse-client'
import { describeWithServer } from '../helpers/test-server'
import { orderBody } from './support/api'
import { addMember, createKey, pairDevice, teamStore } from './support/team'

// The matrix is generated: every route file is found on disk with the action it asks for, and what each
// role and scope may do comes from the permission table itself. A route without a fixture here, or an
// action no route asks for, fails the suite.

const ROUTES_DIR = join(import.meta.dirname, '../../server/routes/api/v1')
// Signing in and out, and a principal's own sessions (self-service for every role; an API key has none);
// the connectors' webhook receiver, whose only credential is the platform's signature (tests/server/connectors*.test.ts).
// A principal's own stores (listing, opening, switching) and the locations view, which checks each store by
// the role held there (stores.test.ts and analytics-locations.test.ts cover them role by role).
const PUBLIC = new Set(['POST /auth/register', 'POST /auth/login', 'POST /auth/logout', 'POST /auth/logout-everywhere', 'GET /auth/sessions', 'DELETE /auth/sessions/:id', 'DELETE /auth/login-lock', 'GET /auth/me', 'POST /auth/pair', 'POST /auth/accept-invitation', 'POST /auth/invitation', 'GET /stores', 'POST /stores', 'POST /auth/switch-store', 'GET /analytics/locations', 'GET /metrics', 'POST /webhooks/:platform/:connectionId'])

// Routes served outside h3, whose route file hands the request on: their checks are read where they are made.
const DELEGATED: Record<string, string> = { 'GET /events/stream': join(import.meta.dirname, '../../server/utils/stream-route/serve-stream.ts') }

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => entry.isDirectory() ? routeFiles(join(dir, entry.name)) : [join(dir, entry.name)])
}

interface DiscoveredRoute { route: string, actions: Array<{ action: Action, variant?: string }> }

function discoverRoutes(): DiscoveredRoute[] {
  return routeFiles(ROUTES_DIR).map((file) => {
    const [, name, method] = /^(.*)\.(get|post|patch|delete)\.ts$/.exec(relative(ROUTES_DIR, file))!
    const path = `/${name}`.replace(/\/index$/, '').replace(/\[(\w+)\]/g, ':$1')
    const route = `${method.toUpperCase()} ${path}`
    const delegated = DELEGATED[route]
    const source = readFileSync(delegated ?? file, 'utf8')
    const asked = delegated ? /assertAllowed\(access, '([\w:]+)'\)/g : /requirePermission\(event, '([\w:]+)'\)/g
    const fixed = [...source.matchAll(asked)].map(m => ({ action: m[1] as Action }))
    const analytics = source.includes('requireAnalyticsPermission(') ? [{ action: 'analytics:read_today' as Action, variant: 'today' }, { action: 'analytics:read' as Action, variant: '7d' }] : []
    const status = source.includes('requireStatusPermission(')
      ? (['paid', 'fulfilled', 'cancelled', 'refunded'] as OrderStatus[]).map(to => ({ action: STATUS_ACTIONS[to], variant: to }))
      : []
    return { route, actions: [...fixed, ...analytics, ...status] }
  })
}

/** One store's owner, and how to make the rows a route needs in it. */
interface StoreKit {
  owner: Api
  order: (status?: OrderStatus) => Promise<string>
}

interface Request { path: string, body?: unknown }
type Fixture = (kit: StoreKit, variant: string | undefined, server: { url: string }, asker?: Api) => Promise<Request>

const FIXTURES: Record<string, Fixture> = {
  'GET /orders': async () => ({ path: '/orders' }),
  'POST /orders': async () => ({ path: '/orders', body: orderBody() }),
  'GET /orders/:id': async kit => ({ path: `/orders/${await kit.order()}` }),
  'PATCH /orders/:id': async (kit, to) => ({ path: `/orders/${await kit.order(to === 'fulfilled' || to === 'refunded' ? 'paid' : 'pending')}`, body: { status: to } }),
  'POST /orders/:id/payments': async kit => ({ path: `/orders/${await kit.order()}/payments`, body: { amountCents: 100, method: 'cash' } }),
  'GET /orders/:id/payments': async kit => ({ path: `/orders/${await kit.order()}/payments` }),
  'POST /orders/:id/refunds': async kit => ({ path: `/orders/${await kit.order('paid')}/refunds`, body: { amountCents: 100 } }),
  'GET /orders/:id/refunds': async kit => ({ path: `/orders/${await kit.order()}/refunds` }),
  'GET /products': async () => ({ path: '/products' }),
  'POST /products': async () => ({ path: '/products', body: { name: 'Scone', priceCents: 300 } }),
  'PATCH /products/:id': async kit => ({ path: `/products/${(await kit.owner.post('/products', { name: 'Scone', priceCents: 300 })).body.id}`, body: { priceCents: 325 } }),
  'DELETE /products/:id': async kit => ({ path: `/products/${(await kit.owner.post('/products', { name: 'Scone', priceCents: 300 })).body.id}` }),
  'GET /analytics/summary': async (_, range) => ({ path: `/analytics/summary?range=${range}` }),
  'GET /analytics/timeseries': async (_, range) => ({ path: `/analytics/timeseries?range=${range}` }),
  'GET /analytics/top-products': async (_, range) => ({ path: `/analytics/top-products?range=${range}` }),
  'GET /events/stream': async () => ({ path: '/events/stream' }),
  'GET /team': async () => ({ path: '/team' }),
  'PATCH /team/:userId': async (kit, _, server) => ({ path: `/team/${(await addMember(server as never, kit.owner, 'staff')).userId}`, body: { role: 'manager' } }),
  'DELETE /team/:userId': async (kit, _, server) => ({ path: `/team/${(await addMember(server as never, kit.owner, 'staff')).userId}` }),
  'GET /store': async () => ({ path: '/store' }),
  'PATCH /store': async () => ({ path: '/store', body: { staffCanSeeToday: false } }),
  'GET /analytics/heatmap': async () => ({ path: '/analytics/heatmap' }),
  'GET /analytics/by-actor': async () => ({ path: '/analytics/by-actor?range=7d' }),
  'GET /exports/orders.csv': async () => ({ path: '/exports/orders.csv' }),
  'GET /exports/daily.csv': async () => ({ path: '/exports/daily.csv' }),
  'POST /team/invitations': async () => ({ path: '/team/invitations', body: { role: 'staff' } }),
  'GET /team/invitations': async () => ({ path: '/team/invitations' }),
  'DELETE /team/invitations/:id': async kit => ({ path: `/team/invitations/${(await kit.owner.post('/team/invitations', { role: 'staff' })).body.id}` }),
  'POST /devices/pairing-codes': async () => ({ path: '/devices/pairing-codes', body: { name: 'Till 2' } }),
  'GET /devices': async () => ({ path: '/devices' }),
  'DELETE /devices/:id': async (kit, _, server) => ({ path: `/devices/${(await pairDevice(server as never, kit.owner)).deviceId}` }),
  'POST /connections': async () => ({ path: '/connections', body: { platform: 'woocommerce' } }),
  'GET /connections': async () => ({ path: '/connections' }),
  'GET /connections/:id': async kit => ({ path: `/connections/${(await kit.owner.post('/connections', { platform: 'woocommerce' })).body.id}` }),
  'PATCH /connections/:id': async kit => ({ path: `/connections/${(await kit.owner.post('/connections', { platform: 'woocommerce' })).body.id}`, body: { name: 'Web shop' } }),
  'DELETE /connections/:id': async kit => ({ path: `/connections/${(await kit.owner.post('/connections', { platform: 'woocommerce' })).body.id}` }),
  'GET /connections/:id/deliveries': async kit => ({ path: `/connections/${(await kit.owner.post('/connections', { platform: 'woocommerce' })).body.id}/deliveries` }),
  // A shop that refuses connections at once: the import started in the background fails without waiting.
  'POST /connections/:id/backfill': async kit => ({ path: `/connections/${(await kit.owner.post('/connections', { platform: 'woocommerce', apiKey: 'ck_x:cs_x', shopDomain: '127.0.0.1:9' })).body.id}/backfill`, body: { since: '2026-01-01' } }),
  'GET /connections/:id/backfill': async kit => ({ path: `/connections/${(await kit.owner.post('/connections', { platform: 'woocommerce' })).body.id}/backfill` }),
  'POST /api-keys': async () => ({ path: '/api-keys', body: { name: 'Shop', scopes: ['orders:read'] } }),
  'GET /api-keys': async () => ({ path: '/api-keys' }),
  'DELETE /api-keys/:id': async (kit, _, server) => ({ path: `/api-keys/${(await createKey(server as never, kit.owner, ['orders:read'])).keyId}` }),
  'GET /push/public-key': async () => ({ path: '/push/public-key' }),
  'GET /push/subscriptions': async () => ({ path: '/push/subscriptions' }),
  'POST /push/subscriptions': async (_, __, ___, asker) => {
    if (asker)
      await clearDevices(asker)
    return { path: '/push/subscriptions', body: pushBody() }
  },
  'PATCH /push/subscriptions/:id': async (kit, _, __, asker) => ({ path: `/push/subscriptions/${await subscription(kit, asker)}`, body: { alerts: { payments: true } } }),
  'DELETE /push/subscriptions/:id': async (kit, _, __, asker) => ({ path: `/push/subscriptions/${await subscription(kit, asker)}` }),
  'POST /push/subscriptions/:id/test': async (kit, _, __, asker) => ({ path: `/push/subscriptions/${await subscription(kit, asker)}/test` }),
}

let endpoints = 0
// A device of its own for each request (quiet: no alert would ever be sent to it).
function pushBody() {
  return { subscription: { endpoint: `http://127.0.0.1:9/push/matrix-${endpoints++}`, keys: { p256dh: `B${'A'.repeat(86)}`, auth: 'A'.repeat(22) } }, alerts: { newOrders: false, payments: false } }
}

/** Removes a principal's push devices first, so that the fixtures never meet the cap of 10 devices a person. */
async function clearDevices(api: Api): Promise<void> {
  const listed = await api.get('/push/subscriptions')
  for (const { id } of listed.body?.subscriptions ?? []) await api.request('DELETE', `/push/subscriptions/${id}`)
}

/** A push subscription of the asker (a principal may only touch its own), else of the store's owner. */
async function subscription(kit: StoreKit, asker?: Api): Promise<string> {
  if (asker)
    await clearDevices(asker)
  const own = asker && await asker.post('/push/subscriptions', pushBody())
  if (own?.status === 201)
    return own.body.id
  await clearDevices(kit.owner)
  return (await kit.owner.post('/push/subscriptions', pushBody())).body.id
}

const METHOD = (route: string) => route.split(' ')[0]

async function send(api: Api, route: string, request: Request, baseUrl: string): Promise<ApiResponse> {
  if (request.path === '/events/stream') {
    const client = await SseClient.connect(`${baseUrl}/api/v1/events/stream`, { token: api.token })
    client.close()
    return { status: client.status, body: client.body ? JSON.parse(client.body) : null, headers: client.headers }
  }
  return api.request(METHOD(route), request.path, request.body)
}

type Principal = { label: string, api: Api, role: Role } | { label: string, api: Api, scopes: ApiKeyScope[] }

function allows(principal: Principal, action: Action): boolean {
  return 'role' in principal ? ROLE_PERMISSIONS[principal.role].includes(action) : principal.scopes.some(scope => SCOPE_PERMISSIONS[scope].includes(action))
}

function kitFor(owner: Api): StoreKit {
  return {
    owner,
    async order(status: OrderStatus = 'pending') {
      const created = await owner.post('/orders', orderBody())
      if (status === 'paid')
        await owner.patch(`/orders/${created.body.id}`, { status: 'paid' })
      return created.body.id
    },
  }
}

const ROUTES = discoverRoutes()

describeWithServer('roles × routes', (ctx) => {
  const principals: Principal[] = []
  let home: StoreKit
  let other: StoreKit

  beforeAll(async () => {
    const team = await teamStore(ctx.server)
    home = kitFor(team.owner)
    other = kitFor((await registerStore(ctx.server.url)).api)
    principals.push(
      { label: 'owner', api: team.owner, role: 'owner' },
      { label: 'manager', api: team.manager.api, role: 'manager' },
      { label: 'staff', api: team.staff.api, role: 'staff' },
      { label: 'display device', api: team.display.api, role: 'display' },
    )
    for (const scope of Object.keys(SCOPE_PERMISSIONS) as ApiKeyScope[])
      principals.push({ label: `key with ${scope}`, api: (await createKey(ctx.server, team.owner, [scope])).api, scopes: [scope] })
  })

  it('has a fixture for every route that checks a permission, and every action is asked for by a route', () => {
    const guarded = ROUTES.filter(r => !PUBLIC.has(r.route))
    expect(guarded.filter(r => r.actions.length === 0).map(r => r.route), 'routes without a permission check').toEqual([])
    expect(guarded.map(r => r.route).sort()).toEqual(Object.keys(FIXTURES).sort())
    const asked = new Set(guarded.flatMap(r => r.actions.map(a => a.action)))
    expect(ROLE_PERMISSIONS.owner.filter(action => !asked.has(action))).toEqual([])
  })

  for (const { route, actions } of ROUTES.filter(r => !PUBLIC.has(r.route))) {
    for (const { action, variant } of actions) {
      it(`${route}${variant ? ` (${variant})` : ''} needs ${action}: allowed → 2xx, refused → 403, another store → 404`, async () => {
        const results: Record<string, number> = {}
        const expected: Record<string, number | string> = {}
        for (const principal of principals) {
          const request = await FIXTURES[route](home, variant, ctx.server, principal.api)
          const response = await send(principal.api, route, request, ctx.server.url)
          const allowed = allows(principal, action)
          results[principal.label] = response.status
          if (allowed) {
            expected[principal.label] = response.status >= 200 && response.status < 300 ? response.status : `2xx (${JSON.stringify(response.body)})`
          }
          else {
            const code = 'scopes' in principal && scopeFor(action) ? 'insufficient_scope' : 'forbidden'
            expected[principal.label] = 403
            expect(response.body, `${principal.label}: ${route}`).toEqual({ error: code, message: expect.any(String) })
          }
          if (allowed && route.includes(':')) {
            const foreign = await FIXTURES[route](other, variant, ctx.server)
            const crossing = await send(principal.api, route, foreign, ctx.server.url)
            results[`${principal.label} → another store`] = crossing.status
            expected[`${principal.label} → another store`] = 404
          }
        }
        expect(results).toEqual(expected)
      })
    }
  }
}, { env: { PULSE_PUSH_ALLOW_INSECURE_ENDPOINTS: '1' } })

// The table above drives both the server and the matrix; this pins the table to what issue 14 asks.
it('the permission table says what each role may do', () => {
  const orderWork: Action[] = ['orders:read', 'orders:create', 'orders:pay', 'orders:fulfil', 'orders:cancel']
  expect(ROLE_PERMISSIONS.staff).toEqual(expect.arrayContaining([...orderWork, 'events:read']))
  expect(ROLE_PERMISSIONS.staff).not.toContain('orders:refund')
  expect(ROLE_PERMISSIONS.staff.filter(action => action.startsWith('analytics:'))).toEqual([])
  expect(ROLE_PERMISSIONS.display.toSorted()).toEqual(['analytics:read', 'analytics:read_today', 'events:read', 'notifications:manage', 'orders:read'])
  expect(ROLE_PERMISSIONS.manager).toEqual(expect.arrayContaining([...orderWork, 'orders:refund', 'analytics:read', 'devices:manage']))
  expect(ROLE_PERMISSIONS.manager).not.toEqual(expect.arrayContaining(['team:manage']))
  expect(ROLE_PERMISSIONS.manager).not.toContain('api_keys:manage')
  const managed: Action[] = ['team:read', 'team:manage', 'devices:manage', 'api_keys:manage', 'settings:read', 'settings:manage']
  for (const scope of Object.keys(SCOPE_PERMISSIONS) as ApiKeyScope[])
    expect(SCOPE_PERMISSIONS[scope].filter(action => managed.includes(action))).toEqual([])
})
