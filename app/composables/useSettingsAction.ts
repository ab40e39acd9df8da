import type { ShallowRef } from 'vue'
import { shallowRef } from 'vue'
import { errorMessage } from '../logic/api'

export interface UseSettingsActionReturn {
  error: ShallowRef<string | null>
  /** Runs a request, then `reload` (the page's list); a failure becomes the page's error. */
  run: (action: () => Promise<unknown>) => Promise<void>
  /** Loads the page's list (its error, too, becomes the page's error). */
  refresh: () => Promise<void>
}

/** The request flow of the settings pages: one error line, and the list reloaded after each change. */
export function useSettingsAction(reload: () => Promise<void>): UseSettingsActionReturn {
  const error = shallowRef<string | null>(null)
  async function run(action: () => Promise<unknown>): Promise<void> {
    error.value = null
    try {
      await action()
      await reload()
    }
    catch (failure) {
      error.value = errorMessage(failure)
    }
  }
  return { error, run, refresh: () => run(async () => {}) }
}
