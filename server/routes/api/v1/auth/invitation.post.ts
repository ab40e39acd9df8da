import { defineHandler } from 'nitro'
import { reserveGuess } from '~server/utils/auth/rate-limits/guess-limit'
import { useDb } from '~server/utils/db/connection'
import { readJsonBody } from '~server/utils/http/read-json-body'
import { previewInvitation } from '~server/utils/team/accept-invitation'
import { InvitationPreviewSchema } from '~shared/schemas/api'

// A POST, not a GET: the token stays out of addresses and logs, as it stays in the link's fragment.
export default defineHandler(async (event) => {
  const { token } = await readJsonBody(event, InvitationPreviewSchema)
  const release = await reserveGuess(event, 'invitation')
  const preview = await previewInvitation(await useDb(), token)
  await release()
  return preview
})
