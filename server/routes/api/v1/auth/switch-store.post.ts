import { defineHandler } from 'nitro'
import { resolveAccess } from '~server/utils/auth/access/resolve-access'
import { readJsonBody } from '~server/utils/http/read-json-body'
import { switchStore } from '~server/utils/stores/switch-store'
import { SwitchStoreSchema } from '~shared/schemas/api'

export default defineHandler(async (event) => {
  const access = await resolveAccess(event)
  const { storeId } = await readJsonBody(event, SwitchStoreSchema)
  return switchStore(access, storeId)
})
