import type { ShallowRef } from 'vue'
import { getCurrentScope, onScopeDispose, shallowRef } from 'vue'

/** A CSS media query as a ref (false where matchMedia is missing, e.g. in unit tests). */
export function useMediaQuery(query: string): ShallowRef<boolean> {
  const list = typeof globalThis.matchMedia === 'function' ? globalThis.matchMedia(query) : undefined
  const matches = shallowRef(list?.matches ?? false)
  const update = (event: MediaQueryListEvent) => {
    matches.value = event.matches
  }
  list?.addEventListener('change', update)
  if (getCurrentScope())
    onScopeDispose(() => list?.removeEventListener('change', update))
  return matches
}
