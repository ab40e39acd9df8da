import { defineHandler } from 'nitro'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { readJsonBody } from '~server/utils/http/read-json-body'
import { createProduct } from '~server/utils/products/create-product'
import { CreateProductSchema } from '~shared/schemas/api'

export default defineHandler(async (event) => {
  const { storeId, db } = await requirePermission(event, 'products:manage')
  const input = await readJsonBody(event, CreateProductSchema)
  const product = await createProduct(db, storeId, input)
  event.res.status = 201
  return product
})
