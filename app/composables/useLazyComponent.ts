import type { ShallowRef, WatchSource } from 'vue'
import { shallowRef, watch } from 'vue'

/**
 * A component whose code comes only once `wanted` first holds (a view that only some choices show), so
 * that the page's first load does not carry it. Undefined until then; a failed load is tried again the
 * next time it is wanted.
 */
export function useLazyComponent<T>(load: () => Promise<{ default: T }>, wanted: WatchSource<boolean>): ShallowRef<T | undefined> {
  const component = shallowRef<T>()
  let loading = false
  watch(wanted, (yes) => {
    if (!yes || loading || component.value)
      return
    loading = true
    load().then((module) => {
      component.value = module.default
    }, () => {}).finally(() => {
      loading = false
    })
  }, { immediate: true })
  return component
}
