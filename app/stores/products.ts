import type { Product, ProductList } from '~shared/types/api'
import { createStore, get, set } from 'idb-keyval'
import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import { api, errorMessage, isNetworkError } from '../logic/api'
import { useSessionStore } from './session'

// The same IndexedDB store as the other offline copies (logic/offline-store.ts), so signing out clears it
// too; kept here so that the entry chunk does not carry the catalogue's code.
let idb: ReturnType<typeof createStore> | undefined
const offlineKey = (storeId: string) => `products:${storeId}`

async function readOffline(storeId: string): Promise<Product[] | undefined> {
  try {
    return await get<Product[]>(offlineKey(storeId), idb ??= createStore('pulse', 'kv'))
  }
  catch {
    return undefined
  }
}

function saveOffline(storeId: string, products: Product[]): void {
  void set(offlineKey(storeId), JSON.parse(JSON.stringify(products)), idb ??= createStore('pulse', 'kv')).catch(() => {})
}

/** The store's product catalogue: the Create order form's buttons and the Products settings page. */
export const useProductsStore = defineStore('products', () => {
  const products = shallowRef<Product[]>([])
  const state = shallowRef<'idle' | 'loading' | 'ready' | 'error'>('idle')
  const error = shallowRef<string | null>(null)
  let loadedFor: string | undefined

  const storeId = () => useSessionStore().store?.id
  /** What the order form offers: the products not archived, in the merchant's order. */
  const active = computed(() => products.value.filter(product => !product.archived))

  async function load() {
    const id = storeId()
    if (!id)
      return
    if (loadedFor !== id)
      products.value = []
    state.value = products.value.length ? 'ready' : 'loading'
    try {
      products.value = (await api<ProductList>('/products')).products
      loadedFor = id
      state.value = 'ready'
      error.value = null
      saveOffline(id, products.value)
    }
    catch (failure) {
      const cached = isNetworkError(failure) ? await readOffline(id) : undefined
      if (cached) {
        products.value = cached
        loadedFor = id
        state.value = 'ready'
        return
      }
      error.value = errorMessage(failure)
      state.value = products.value.length ? 'ready' : 'error'
    }
  }

  /** Loads once per store and page visit's first use; later uses keep what is there (and refresh it). */
  function ensure() {
    if (state.value === 'idle' || loadedFor !== storeId())
      return load()
    void load()
  }

  return { products, active, state, error, load, ensure }
})
