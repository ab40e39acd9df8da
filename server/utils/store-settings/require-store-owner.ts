import type { H3Event } from 'h3'
import type { StoreContext } from '../auth/require-store'
import { requireStore } from '../auth/require-store'

/**
 * The signed-in store, for routes that change its settings. Today every user is the store's owner;
 * when roles arrive, their check goes here (403 `forbidden`) and every settings route follows.
 */
export async function requireStoreOwner(event: H3Event): Promise<StoreContext> {
  return requireStore(event)
}
