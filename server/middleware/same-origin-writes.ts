import { defineHandler } from 'nitro'
import { assertSameOriginWrite } from '~server/utils/http/same-origin'

export default defineHandler((event) => {
  if (event.url.pathname.startsWith('/api/'))
    assertSameOriginWrite(event)
})
