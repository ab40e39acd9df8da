import { defineHandler } from 'nitro'
import { resolveAccess } from '~server/utils/auth/access/resolve-access'
import { createApiError } from '~server/utils/http/errors'
import { readJsonBody } from '~server/utils/http/read-json-body'
import { createStore } from '~server/utils/stores/create-store'
import { CreateStoreSchema } from '~shared/schemas/api'

export default defineHandler(async (event) => {
  const { principal, db } = await resolveAccess(event)
  if (principal.type !== 'user')
    throw createApiError('forbidden', 'A paired device or an API key cannot open stores: sign in as a person.')
  const input = await readJsonBody(event, CreateStoreSchema)
  event.res.status = 201
  return createStore(db, principal.id, input)
})
