import type { InferOutput } from 'valibot'
import type { UpdateProductSchema } from '~shared/schemas/api'
import type { Product } from '~shared/types/api'
import type { Db } from '../db/connection'
import type { ProductsTable } from '../db/schema'
import { orNull, productNotFound, toProduct } from './to-product'

/** Changes a product's fields; `position` moves it to that place (the others close up behind it). */
export async function updateProduct(db: Db, storeId: string, id: string, patch: InferOutput<typeof UpdateProductSchema>): Promise<Product> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('products').selectAll().where('id', '=', id).where('store_id', '=', storeId).executeTakeFirst()
    if (!row)
      throw productNotFound()
    const changes: Partial<ProductsTable> = { updated_at: new Date().toISOString() }
    if (patch.name !== undefined)
      changes.name = patch.name
    if (patch.sku !== undefined)
      changes.sku = orNull(patch.sku)
    if (patch.priceCents !== undefined)
      changes.price_cents = patch.priceCents
    if (patch.category !== undefined)
      changes.category = orNull(patch.category)
    if (patch.archived !== undefined)
      changes.archived = patch.archived ? 1 : 0
    await trx.updateTable('products').set(changes).where('id', '=', id).execute()
    if (patch.position !== undefined) {
      // Renumbered 0..n-1 in the new order: a few hundred rows at most (MAX_PRODUCTS).
      const order = await trx.selectFrom('products').select(['id', 'position']).where('store_id', '=', storeId).orderBy('position').orderBy('created_at').orderBy('id').execute()
      const ids = order.map(product => product.id).filter(other => other !== id)
      ids.splice(Math.min(patch.position, ids.length), 0, id)
      for (const [position, productId] of ids.entries()) {
        if (order.find(product => product.id === productId)!.position !== position)
          await trx.updateTable('products').set({ position }).where('id', '=', productId).execute()
      }
    }
    return toProduct((await trx.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirstOrThrow()))
  })
}
