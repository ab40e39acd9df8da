import { defineHandler } from 'nitro'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { readJsonBody } from '~server/utils/http/read-json-body'
import { readUuidParam } from '~server/utils/http/read-uuid-param'
import { productNotFound } from '~server/utils/products/to-product'
import { updateProduct } from '~server/utils/products/update-product'
import { UpdateProductSchema } from '~shared/schemas/api'

export default defineHandler(async (event) => {
  const { storeId, db } = await requirePermission(event, 'products:manage')
  const id = readUuidParam(event, 'id', productNotFound)
  const patch = await readJsonBody(event, UpdateProductSchema)
  return updateProduct(db, storeId, id, patch)
})
