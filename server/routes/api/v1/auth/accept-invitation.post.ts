import { defineHandler } from 'nitro'
import { reserveGuess } from '~server/utils/auth/rate-limits/guess-limit'
import { reserveLoginAttempt } from '~server/utils/auth/rate-limits/login-rate-limit'
import { setSessionCookie } from '~server/utils/auth/sessions/session-cookie'
import { startSession } from '~server/utils/auth/sessions/start-session'
import { useDb } from '~server/utils/db/connection'
import { hasErrorCode } from '~server/utils/http/errors'
import { readJsonBody } from '~server/utils/http/read-json-body'
import { acceptInvitation } from '~server/utils/team/accept-invitation'
import { readJoiner } from '~server/utils/team/read-joiner'
import { AcceptInvitationSchema } from '~shared/schemas/api'

// Signed in, `{token}` alone joins the signed-in user; otherwise `{token, email, password}` signs up a new
// account (an existing one answers 409 `email_taken`: it joins by signing in first). Either way the answer
// is a session in the store joined.
export default defineHandler(async (event) => {
  const { token, email, password } = await readJsonBody(event, AcceptInvitationSchema)
  const joiner = await readJoiner(event, email, password)
  // An email given here is counted like a sign-in with it, before anything is looked up: a locked email
  // answers 429 here too, and "taken" costs a failure, so this route probes no faster than /auth/login.
  const releaseSignIn = 'email' in joiner ? await reserveLoginAttempt(event, joiner.email) : async () => {}
  const joined = await reserveGuess(event, 'invitation').then(async (releaseGuess) => {
    const accepted = await acceptInvitation(await useDb(), token, joiner)
    await releaseGuess()
    return accepted
  }).catch(async (error: unknown) => {
    if (!hasErrorCode(error, 'email_taken'))
      await releaseSignIn()
    throw error
  })
  await releaseSignIn()
  const session = await startSession(joined.user.id, joined.store.id, event.req.headers.get('user-agent'))
  setSessionCookie(event, session.token)
  event.res.status = 201
  return { ...joined, token: session.token }
})
