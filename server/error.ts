import type { H3Event } from 'h3'
import { defineErrorHandler } from 'nitro'
import { logErrorResponse, toErrorBody } from '~server/utils/http/errors'

export default defineErrorHandler((error, event) => {
  const { status, body, headers } = toErrorBody(error)
  logErrorResponse(error, status, body, (event as H3Event | undefined)?.req?.method, (event as H3Event | undefined)?.url?.pathname)
  // The headers prepared before the error (the security headers among them) stay on the error response.
  const responseHeaders = new Headers((event as H3Event | undefined)?.res?.headers)
  for (const [name, value] of new Headers(headers))
    responseHeaders.set(name, value)
  responseHeaders.set('content-type', 'application/json; charset=utf-8')
  return new Response(JSON.stringify(body), { status, headers: responseHeaders })
})
