import type { Product } from '~shared/types/api'
import type { Db } from '../db/connection'
import { toProduct } from './to-product'

/** The store's catalogue in the merchant's order (archived ones too: the app shows them apart). */
export async function listProducts(db: Db, storeId: string): Promise<Product[]> {
  const rows = await db.selectFrom('products').selectAll().where('store_id', '=', storeId).orderBy('position').orderBy('created_at').orderBy('id').execute()
  return rows.map(toProduct)
}
