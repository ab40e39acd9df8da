import { defineErrorHandler } from 'nitro'
import { toErrorBody } from '~server/utils/http/errors'

export default defineErrorHandler((error) => {
  const { status, body, headers } = toErrorBody(error)
  if (status >= 500)
    console.error('[pulse] unhandled error:', error)
  const responseHeaders = new Headers(headers)
  responseHeaders.set('content-type', 'application/json; charset=utf-8')
  return new Response(JSON.stringify(body), { status, headers: responseHeaders })
})
