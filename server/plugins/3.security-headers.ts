import type { H3Event } from 'h3'
import { definePlugin } from 'nitro'
import { setSecurityHeaders } from '~server/utils/http/security-headers'

// On the request hook rather than as middleware: Nitro serves static files (the app shell's scripts,
// sw.js, the manifest) from a middleware that runs before any of the app's own.
// The event stream is answered before h3 (server/utils/stream-route) and sets the API's headers itself.
export default definePlugin((nitroApp) => {
  nitroApp.hooks.hook('request', (event) => {
    setSecurityHeaders(event as H3Event, { dev: import.meta.dev })
  })
})
