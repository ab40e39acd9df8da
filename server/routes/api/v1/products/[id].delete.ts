import { defineHandler } from 'nitro'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { readUuidParam } from '~server/utils/http/read-uuid-param'
import { deleteProduct } from '~server/utils/products/delete-product'
import { productNotFound } from '~server/utils/products/to-product'

export default defineHandler(async (event) => {
  const { storeId, db } = await requirePermission(event, 'products:manage')
  await deleteProduct(db, storeId, readUuidParam(event, 'id', productNotFound))
  event.res.status = 204
  return null
})
