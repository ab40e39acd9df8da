import type { ApiErrorCode } from '~shared/errors'
import { HTTPError } from 'h3'
import { API_ERRORS, isApiErrorCode } from '~shared/errors'

/** The body of every error response: a stable machine-readable code and a sentence for people. */
export interface ErrorBody { error: ApiErrorCode | 'error', message: string }

/**
 * Creates an HTTP error that the error handler renders as `{ error: code, message }`, with the code's status
 * from the catalogue (shared/errors.ts) and its message, or a more precise one.
 */
export function createApiError(code: ApiErrorCode, message: string = API_ERRORS[code].message, headers?: HeadersInit): HTTPError {
  return new HTTPError({ status: API_ERRORS[code].status, message, headers, data: { code } })
}

// h3's own refusals (a route without that method, …) carry no code: they get their status's.
const CODE_BY_STATUS: Record<number, ApiErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'too_many_requests',
  503: 'unavailable',
}

/** Maps any thrown value to the status and body that Pulse sends; internals never leak. */
export function toErrorBody(error: unknown): { status: number, body: ErrorBody, headers?: Headers } {
  if (HTTPError.isError(error)) {
    const data = error.data as { code?: string } | undefined
    if (error.status >= 500 && error.unhandled)
      return { status: 500, body: { error: 'internal_error', message: API_ERRORS.internal_error.message } }
    return {
      status: error.status,
      body: { error: isApiErrorCode(data?.code) ? data.code : CODE_BY_STATUS[error.status] ?? 'error', message: error.message },
      headers: error.headers,
    }
  }
  return { status: 500, body: { error: 'internal_error', message: API_ERRORS.internal_error.message } }
}

/**
 * Says in the log what an error response hides: a refusal the server chose (503 busy, shutting down) is
 * one short line; only a failure gets its stack.
 */
export function logErrorResponse(error: unknown, status: number, body: ErrorBody, method = '', path = ''): void {
  if (status >= 500 && isRefusal(error))
    console.warn(`[pulse] ${status} ${body.error}: ${method} ${path}`)
  else if (status >= 500)
    console.error('[pulse] unhandled error:', error)
}

/** Whether `error` is an API error with this code (see createApiError). */
export function hasErrorCode(error: unknown, code: ApiErrorCode): boolean {
  return HTTPError.isError(error) && (error.data as { code?: string } | undefined)?.code === code
}

/** Whether `error` is a refusal Pulse chose to answer (made by createApiError), not a failure. */
export function isRefusal(error: unknown): boolean {
  return HTTPError.isError(error) && !error.unhandled && typeof (error.data as { code?: unknown } | undefined)?.code === 'string'
}
