import { defineHandler } from 'nitro'
import { reserveGuess } from '~server/utils/auth/guess-limit'
import { setSessionCookie } from '~server/utils/auth/session-cookie'
import { createSession } from '~server/utils/auth/sessions'
import { useDb } from '~server/utils/db/connection'
import { readJsonBody } from '~server/utils/http/read-json-body'
import { acceptInvitation } from '~server/utils/team/accept-invitation'
import { readJoiner } from '~server/utils/team/read-joiner'
import { AcceptInvitationSchema } from '~shared/schemas/api'

// Signed in, `{token}` alone joins the signed-in user; otherwise `{token, email, password}` signs up (or
// proves an existing account). Either way the answer is a session in the store joined.
export default defineHandler(async (event) => {
  const { token, email, password } = await readJsonBody(event, AcceptInvitationSchema)
  const joiner = await readJoiner(event, email, password)
  const release = await reserveGuess(event, 'invitation')
  const joined = await acceptInvitation(await useDb(), token, joiner)
  await release()
  const session = await createSession(joined.user.id, joined.store.id, event.req.headers.get('user-agent'))
  setSessionCookie(event, session.token)
  event.res.status = 201
  return { ...joined, token: session.token }
})
