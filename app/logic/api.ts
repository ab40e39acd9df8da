import type { ApiErrorCode } from '~shared/errors'
import type { ApiError as ApiErrorBody } from '~shared/types/api'
import { isApiErrorCode } from '~shared/errors'
import { i18n } from '../i18n'

/**
 * An answer from the API that is not 2xx: status, the catalogue's code (shared/errors.ts; `error` for an
 * answer that carries none, from a proxy say) and the server's English sentence. Match on `code`: the
 * app shows its own words for it.
 */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: ApiErrorCode | 'error', message: string) {
    super(message)
    this.name = 'ApiError'
  }
}

/** Whether `error` is the API's answer with this code. */
export function hasApiErrorCode(error: unknown, code: ApiErrorCode): error is ApiError {
  return error instanceof ApiError && error.code === code
}

/** The request never got an answer (offline, DNS, connection refused): what the outbox retries. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('You appear to be offline.', { cause })
    this.name = 'NetworkError'
  }
}

export interface RequestOptions {
  method?: string
  body?: unknown
  headers?: Record<string, string>
  signal?: AbortSignal
}

let onUnauthorized: (() => void) | undefined

/** Called on any 401 (the session expired or was revoked): the app sends the person to sign in. */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler
}

/** JSON over fetch with the session cookie (HttpOnly: the app never sees or stores a token). */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  let response: Response
  try {
    response = await fetch(`/api/v1${path}`, {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      cache: 'no-store',
      headers: {
        accept: 'application/json',
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    })
  }
  catch (error) {
    if ((error as Error)?.name === 'AbortError')
      throw error
    throw new NetworkError(error)
  }
  if (response.status === 204)
    return undefined as T
  const text = await response.text()
  let body: unknown = null
  try {
    body = text ? JSON.parse(text) : null
  }
  catch {}
  if (!response.ok) {
    const error = body as Partial<ApiErrorBody> | null
    if (response.status === 401 && !path.startsWith('/auth/'))
      onUnauthorized?.()
    throw new ApiError(response.status, isApiErrorCode(error?.error) ? error.error : 'error', error?.message ?? `The server answered ${response.status}.`)
  }
  return body as T
}

export function isNetworkError(error: unknown): boolean {
  return error instanceof NetworkError
}

/** What to tell the merchant: the API's code in their language (`errors.<code>`), else the English message. */
export function errorMessage(error: unknown): string {
  const { t, te } = i18n.global
  const key = error instanceof ApiError ? `errors.${error.code}` : error instanceof NetworkError ? 'errors.offline' : 'errors.unknown'
  if (te(key) || te(key, 'en'))
    return t(key)
  return error instanceof ApiError || error instanceof NetworkError ? error.message : 'Something went wrong.'
}
