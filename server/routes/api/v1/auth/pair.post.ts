import { defineHandler } from 'nitro'
import { reserveGuess } from '~server/utils/auth/rate-limits/guess-limit'
import { setSessionCookie } from '~server/utils/auth/sessions/session-cookie'
import { useDb } from '~server/utils/db/connection'
import { pairDevice } from '~server/utils/devices/pair-device'
import { readJsonBody } from '~server/utils/http/read-json-body'
import { PairSchema } from '~shared/schemas/api'

export default defineHandler(async (event) => {
  const { code, deviceName } = await readJsonBody(event, PairSchema)
  const release = await reserveGuess(event, 'pair')
  const { token, store, device } = await pairDevice(await useDb(), code, deviceName, event.req.headers.get('user-agent'))
  await release()
  setSessionCookie(event, token)
  event.res.status = 201
  return { token, store, role: 'display', device }
})
