import { definePlugin } from 'nitro'
import { guardConnections } from '~server/utils/http/connection-guard'

// Before the server listens: every connection is watched from its first moment.
export default definePlugin(() => {
  guardConnections()
})
