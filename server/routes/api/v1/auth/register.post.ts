import { defineHandler } from 'nitro'
import { registerStore } from '~server/utils/accounts/register'
import { assertStrongPassword } from '~server/utils/auth/passwords/password-strength'
import { countAddressFailure } from '~server/utils/auth/rate-limits/login-rate-limit'
import { reserveRegistration } from '~server/utils/auth/rate-limits/register-rate-limit'
import { setSessionCookie } from '~server/utils/auth/sessions/session-cookie'
import { startSession } from '~server/utils/auth/sessions/start-session'
import { useDb } from '~server/utils/db/connection'
import { hasErrorCode } from '~server/utils/http/errors'
import { readJsonBody } from '~server/utils/http/read-json-body'
import { RegisterSchema } from '~shared/schemas/api'

export default defineHandler(async (event) => {
  const input = await readJsonBody(event, RegisterSchema)
  await reserveRegistration(event)
  await assertStrongPassword(input.password, [input.email, input.email.split('@')[0], input.storeName])
  const { user, store } = await registerStore(await useDb(), input).catch(async (error: unknown) => {
    // "Taken" says the email has an account: it costs the address a sign-in failure, as a wrong guess would.
    if (hasErrorCode(error, 'email_taken'))
      await countAddressFailure(event)
    throw error
  })
  const { token } = await startSession(user.id, store.id, event.req.headers.get('user-agent'))
  setSessionCookie(event, token)
  event.res.status = 201
  return { user, store, token }
})
