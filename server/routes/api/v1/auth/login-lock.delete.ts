import { defineHandler } from 'nitro'
import { resolveAccess } from '~server/utils/auth/access/resolve-access'
import { liftEmailLockout } from '~server/utils/auth/rate-limits/login-rate-limit'
import { createApiError } from '~server/utils/http/errors'

// A person signed in on one device lifts the sign-in lock-out of their own email, which someone guessing
// their password (or only knowing their email) may have set off.
export default defineHandler(async (event) => {
  const { principal } = await resolveAccess(event)
  if (principal.type !== 'user')
    throw createApiError('forbidden', 'Only a person can lift the sign-in lock-out of their email, not a device or an API key.')
  await liftEmailLockout(principal.name)
  event.res.status = 204
  return null
})
