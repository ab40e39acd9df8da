import { defineHandler } from 'nitro'
import { authenticate } from '~server/utils/accounts/authenticate'
import { reserveLoginAttempt } from '~server/utils/auth/rate-limits/login-rate-limit'
import { setSessionCookie } from '~server/utils/auth/sessions/session-cookie'
import { startSession } from '~server/utils/auth/sessions/start-session'
import { useDb } from '~server/utils/db/connection'
import { createApiError } from '~server/utils/http/errors'
import { readJsonBody } from '~server/utils/http/read-json-body'
import { LoginSchema } from '~shared/schemas/api'

export default defineHandler(async (event) => {
  const { email, password } = await readJsonBody(event, LoginSchema)
  const release = await reserveLoginAttempt(event, email)
  const account = await authenticate(await useDb(), email, password)
  if (!account)
    throw createApiError('invalid_credentials')
  await release()
  const { token } = await startSession(account.user.id, account.store.id, event.req.headers.get('user-agent'))
  setSessionCookie(event, token)
  return { ...account, token }
})
