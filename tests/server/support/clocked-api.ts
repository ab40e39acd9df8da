import type { Api, ApiResponse } from '../../helpers/api'
import { expect } from 'vitest'
import { registerStore } from '../../helpers/api'

/**
 * A signed-in client whose requests carry `X-Pulse-Test-Now` (honoured by a server started with
 * PULSE_TEST_CLOCK=1): orders, payments and figures happen at the instant the test chooses.
 */
export class ClockedApi {
  now = new Date().toISOString()

  constructor(readonly api: Api) {}

  at(instant: string): this {
    this.now = instant
    return this
  }

  private send(method: string, path: string, body?: unknown): Promise<ApiResponse> {
    return this.api.request(method, path, body, { 'x-pulse-test-now': this.now })
  }

  get = (path: string) => this.send('GET', path)
  post = (path: string, body?: unknown) => this.send('POST', path, body)
  patch = (path: string, body?: unknown) => this.send('PATCH', path, body)

  async raw(path: string): Promise<Response> {
    return fetch(`${this.api.baseUrl}/api/v1${path}`, { headers: { 'authorization': `Bearer ${this.api.token}`, 'x-pulse-test-now': this.now } })
  }

  /** Creates an order at `instant` (one item of `cents`) and pays it in full with `method` when given. */
  async order(instant: string, cents: number, options: { method?: 'card' | 'cash' | 'other', paidAt?: string, name?: string, customerName?: string } = {}): Promise<any> {
    const created = await this.at(instant).post('/orders', { items: [{ name: options.name ?? 'Latte', quantity: 1, unitPriceCents: cents }], customerName: options.customerName })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    if (!options.method)
      return created.body
    const paid = await this.at(options.paidAt ?? instant).post(`/orders/${created.body.id}/payments`, { amountCents: cents, method: options.method })
    expect(paid.status, JSON.stringify(paid.body)).toBe(201)
    return paid.body.order
  }
}

export async function registerClockedStore(baseUrl: string, overrides: Record<string, unknown> = {}): Promise<ClockedApi> {
  const { api } = await registerStore(baseUrl, overrides)
  return new ClockedApi(api)
}

/** The test clock for servers of these suites. */
export const TEST_CLOCK_ENV = { PULSE_TEST_CLOCK: '1' }
