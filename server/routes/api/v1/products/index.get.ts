import { defineHandler } from 'nitro'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { listProducts } from '~server/utils/products/list-products'

export default defineHandler(async (event) => {
  const { storeId, db } = await requirePermission(event, 'products:read')
  return { products: await listProducts(db, storeId) }
})
