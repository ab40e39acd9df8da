import type { AuthResponse } from '~shared/types/api'

export interface ApiResponse<T = any> { status: number, body: T, headers: Headers }

/** A tiny client for one signed-in store (or none), speaking JSON to a test server. */
export class Api {
  constructor(readonly baseUrl: string, public token?: string) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const response = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    })
    const text = await response.text()
    let parsed: any = text
    try {
      parsed = text ? JSON.parse(text) : null
    }
    catch {}
    return { status: response.status, body: parsed, headers: response.headers }
  }

  get = <T = any>(path: string) => this.request<T>('GET', path)
  post = <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => this.request<T>('POST', path, body, headers)
  patch = <T = any>(path: string, body?: unknown) => this.request<T>('PATCH', path, body)
}

let counter = 0

/** Registers a new store and returns a client signed in to it. */
export async function registerStore(baseUrl: string, overrides: Record<string, unknown> = {}): Promise<{ api: Api, auth: AuthResponse }> {
  const api = new Api(baseUrl)
  const email = `owner${Date.now().toString(36)}${counter++}@example.test`
  const response = await api.post<AuthResponse>('/auth/register', { email, password: 'correct horse', storeName: `Store ${counter}`, timeZone: 'UTC', currency: 'USD', ...overrides })
  if (response.status !== 201)
    throw new Error(`register failed: ${response.status} ${JSON.stringify(response.body)}`)
  api.token = response.body.token
  return { api, auth: response.body }
}
