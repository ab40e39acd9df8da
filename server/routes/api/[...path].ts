import { defineHandler } from 'nitro'
import { createApiError } from '~server/utils/http/errors'

// Unknown API paths answer JSON 404, never the app shell.
export default defineHandler((event) => {
  throw createApiError('not_found', `No API route ${event.req.method} ${event.url.pathname}.`)
})
