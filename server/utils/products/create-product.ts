import type { InferOutput } from 'valibot'
import type { CreateProductSchema } from '~shared/schemas/api'
import type { Product } from '~shared/types/api'
import type { Db } from '../db/connection'
import type { ProductsTable } from '../db/schema'
import { MAX_PRODUCTS } from '~shared/domain'
import { newId } from '../db/new-id'
import { createApiError } from '../http/errors'
import { orNull, toProduct } from './to-product'

/** Adds a product at the end of the store's catalogue. */
export async function createProduct(db: Db, storeId: string, input: InferOutput<typeof CreateProductSchema>): Promise<Product> {
  return db.transaction().execute(async (trx) => {
    const { count, last } = await trx.selectFrom('products')
      .select(eb => [eb.fn.countAll<number | string>().as('count'), eb.fn.max<number | null>('position').as('last')])
      .where('store_id', '=', storeId)
      .executeTakeFirstOrThrow()
    if (Number(count) >= MAX_PRODUCTS)
      throw createApiError('too_many_products', `A store's catalogue holds at most ${MAX_PRODUCTS} products: archive or delete some first.`)
    const now = new Date().toISOString()
    const row: ProductsTable = {
      id: newId(),
      store_id: storeId,
      name: input.name,
      sku: orNull(input.sku),
      price_cents: input.priceCents,
      category: orNull(input.category),
      archived: input.archived ? 1 : 0,
      position: last === null ? 0 : Number(last) + 1,
      created_at: now,
      updated_at: now,
    }
    await trx.insertInto('products').values(row).execute()
    return toProduct(row)
  })
}
