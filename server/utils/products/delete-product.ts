import type { Db } from '../db/connection'
import { productNotFound } from './to-product'

/** Removes a product from the catalogue; orders keep their lines (they carry the name and price as sold). */
export async function deleteProduct(db: Db, storeId: string, id: string): Promise<void> {
  const result = await db.deleteFrom('products').where('id', '=', id).where('store_id', '=', storeId).executeTakeFirst()
  if (Number(result.numDeletedRows) === 0)
    throw productNotFound()
}
