import { HTTPError } from 'h3'

/** The body of every error response: a stable machine-readable code and a sentence for people. */
export interface ErrorBody { error: string, message: string }

/** Creates an HTTP error that the error handler renders as `{ error: code, message }`. */
export function createApiError(status: number, code: string, message: string, headers?: HeadersInit): HTTPError {
  return new HTTPError({ status, message, headers, data: { code } })
}

const CODE_BY_STATUS: Record<number, string> = {
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
      return { status: 500, body: { error: 'internal_error', message: 'Something went wrong on our side.' } }
    return {
      status: error.status,
      body: { error: data?.code ?? CODE_BY_STATUS[error.status] ?? 'error', message: error.message },
      headers: error.headers,
    }
  }
  return { status: 500, body: { error: 'internal_error', message: 'Something went wrong on our side.' } }
}

/** Whether `error` is an API error with this code (see createApiError). */
export function hasErrorCode(error: unknown, code: string): boolean {
  return HTTPError.isError(error) && (error.data as { code?: string } | undefined)?.code === code
}

/** Whether `error` is a refusal Pulse chose to answer (made by createApiError), not a failure. */
export function isRefusal(error: unknown): boolean {
  return HTTPError.isError(error) && !error.unhandled && typeof (error.data as { code?: unknown } | undefined)?.code === 'string'
}
