import type { Ref } from 'vue'
import { computed, getCurrentScope, onScopeDispose, readonly, shallowRef } from 'vue'

/** The part of `document` that the page's visibility needs. */
export interface VisibilitySource {
  readonly visibilityState: string
  addEventListener: (type: 'visibilitychange', listener: () => void) => void
  removeEventListener: (type: 'visibilitychange', listener: () => void) => void
}

export interface UsePageVisibilityOptions {
  /**
   * How long a page that was hidden still counts as active (a quick switch of tabs keeps its place).
   * @default 10000
   */
  graceMs?: number
  /**
   * Where the visibility comes from.
   * @default globalThis.document
   */
  document?: VisibilitySource
}

export interface UsePageVisibilityReturn {
  /** Whether the page is visible now. */
  visible: Readonly<Ref<boolean>>
  /** True while the page is visible or has been hidden for less than `graceMs`. */
  active: Readonly<Ref<boolean>>
}

/**
 * The page's visibility with a grace period: `active` stays true for `graceMs` after the page is hidden
 * and turns true again at once when it is shown. Stops listening when its effect scope is disposed.
 */
export function usePageVisibility(options: UsePageVisibilityOptions = {}): UsePageVisibilityReturn {
  const { graceMs = 10_000 } = options
  const doc: VisibilitySource | undefined = options.document ?? globalThis.document

  const visible = shallowRef(doc?.visibilityState !== 'hidden')
  const inGrace = shallowRef(false)
  let graceTimer: ReturnType<typeof setTimeout> | undefined

  const clearGrace = () => {
    if (graceTimer !== undefined)
      clearTimeout(graceTimer)
    graceTimer = undefined
  }

  const onVisibility = () => {
    clearGrace()
    if (doc!.visibilityState !== 'hidden') {
      inGrace.value = false
      visible.value = true
      return
    }
    inGrace.value = true
    visible.value = false
    graceTimer = setTimeout(() => {
      graceTimer = undefined
      inGrace.value = false
    }, graceMs)
  }
  doc?.addEventListener('visibilitychange', onVisibility)

  if (getCurrentScope()) {
    onScopeDispose(() => {
      clearGrace()
      doc?.removeEventListener('visibilitychange', onVisibility)
    })
  }

  return { visible: readonly(visible), active: computed(() => visible.value || inGrace.value) }
}
