import type { Product } from '~shared/types/api'
import type { ProductsTable } from '../db/schema'
import { createApiError } from '../http/errors'

export function toProduct(row: ProductsTable): Product {
  return { id: row.id, name: row.name, sku: row.sku, priceCents: Number(row.price_cents), category: row.category, archived: Number(row.archived) === 1, position: Number(row.position), createdAt: row.created_at, updatedAt: row.updated_at }
}

export function productNotFound(): Error {
  return createApiError('product_not_found')
}

/** Blank optional text is no text. */
export function orNull(text: string | null | undefined): string | null {
  return text || null
}
