import type { H3Event } from 'h3'
import { defineErrorHandler } from 'nitro'
import { isRefusal, toErrorBody } from '~server/utils/http/errors'

export default defineErrorHandler((error, event) => {
  const { status, body, headers } = toErrorBody(error)
  // A refusal the server chose (503 busy, shutting down) is one short line; only a failure gets its stack.
  if (status >= 500 && isRefusal(error))
    console.warn(`[pulse] ${status} ${body.error}: ${(event as H3Event | undefined)?.req?.method ?? ''} ${(event as H3Event | undefined)?.url?.pathname ?? ''}`)
  else if (status >= 500)
    console.error('[pulse] unhandled error:', error)
  // The headers prepared before the error (the security headers among them) stay on the error response.
  const responseHeaders = new Headers((event as H3Event | undefined)?.res?.headers)
  for (const [name, value] of new Headers(headers))
    responseHeaders.set(name, value)
  responseHeaders.set('content-type', 'application/json; charset=utf-8')
  return new Response(JSON.stringify(body), { status, headers: responseHeaders })
})
