import { defineHandler } from 'nitro'
import { setSecurityHeaders } from '~server/utils/http/security-headers'

export default defineHandler((event) => {
  setSecurityHeaders(event, { dev: import.meta.dev })
})
