import { defineHandler } from 'nitro'
import { registerStore } from '~server/utils/accounts/register'
import { setSessionCookie } from '~server/utils/auth/session-cookie'
import { createSession } from '~server/utils/auth/sessions'
import { useDb } from '~server/utils/db/connection'
import { readJsonBody } from '~server/utils/http/read-json-body'
import { RegisterSchema } from '~shared/schemas/api'

export default defineHandler(async (event) => {
  const input = await readJsonBody(event, RegisterSchema)
  const { user, store } = await registerStore(await useDb(), input)
  const { token } = await createSession(user.id, store.id)
  setSessionCookie(event, token)
  event.res.status = 201
  return { user, store, token }
})
