import type { ApiResponse } from '../../helpers/api'
import type { TestServer } from '../../helpers/server'
import { expect } from 'vitest'
import { Api } from '../../helpers/api'

export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000'

export function orderBody(overrides: Record<string, unknown> = {}) {
  return { items: [{ name: 'Latte', sku: 'LAT-1', quantity: 2, unitPriceCents: 450 }, { name: 'Bagel', quantity: 1, unitPriceCents: 300 }], customerName: 'Ada', ...overrides }
}

/** Asserts an error response: its status, and the `{error, message}` body with the given code. */
export function expectApiError(response: ApiResponse, status: number, code: string): void {
  expect({ status: response.status, body: response.body }).toEqual({ status, body: { error: code, message: expect.any(String) } })
  expect(response.body.message.length).toBeGreaterThan(0)
  expect(response.headers.get('content-type')).toMatch(/^application\/json/)
}

/** The store's newest event seq, as the summary reports it. */
export async function lastSeqOf(api: Api): Promise<number> {
  const summary = await api.get('/analytics/summary')
  expect(summary.status).toBe(200)
  return summary.body.lastSeq
}

/** Every order of the store, newest first, following cursors. */
export async function allOrders(api: Api): Promise<any[]> {
  const orders: any[] = []
  let cursor: string | null = null
  do {
    const page: ApiResponse = await api.get(`/orders?limit=100${cursor ? `&cursor=${cursor}` : ''}`)
    expect(page.status).toBe(200)
    orders.push(...page.body.orders)
    cursor = page.body.nextCursor
  } while (cursor)
  return orders
}

/** Reads one sample of a Prometheus metric (by its full name with labels) from /api/v1/metrics. */
export async function readMetric(server: TestServer, sample: string, token?: string): Promise<number> {
  const response = await fetch(`${server.url}/api/v1/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} })
  expect(response.status).toBe(200)
  const text = await response.text()
  const line = text.split('\n').find(l => l.startsWith(`${sample} `))
  if (!line)
    throw new Error(`metric ${sample} not found in:\n${text}`)
  return Number(line.slice(sample.length + 1))
}

export function anonymous(server: TestServer): Api {
  return new Api(server.url)
}
