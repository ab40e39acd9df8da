import type { Api } from '../../helpers/api'
import { expect } from 'vitest'

const RANGES = ['today', '7d', '30d', '90d']

/** Everything a merchant sees of the store, read at one instant (PULSE_TEST_CLOCK): figures of every range, orders, settings, keys, sessions. */
export async function storeAsSeen(api: Api, at: string): Promise<Record<string, unknown>> {
  const seen: Record<string, unknown> = {}
  const paths = [
    ...RANGES.flatMap(range => [`/analytics/summary?range=${range}`, `/analytics/timeseries?range=${range}`, `/analytics/top-products?range=${range}`]),
    '/analytics/heatmap?range=30d',
    '/orders?limit=100',
    '/store',
    '/auth/me',
    '/api-keys',
    '/auth/sessions',
  ]
  for (const path of paths) {
    const response = await api.request('GET', path, undefined, { 'x-pulse-test-now': at })
    expect(response.status, `${path}: ${JSON.stringify(response.body)}`).toBe(200)
    seen[path] = response.body
  }
  // Using a session moves its lastUsedAt: the rest of each session must be the same.
  for (const session of (seen['/auth/sessions'] as { sessions: Array<{ lastUsedAt?: string }> }).sessions) delete session.lastUsedAt
  // Orders in full (items, payments, who did what), one by one.
  for (const order of (seen['/orders?limit=100'] as { orders: Array<{ id: string }> }).orders)
    seen[`/orders/${order.id}`] = (await api.get(`/orders/${order.id}`)).body
  return seen
}
