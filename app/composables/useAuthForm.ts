import type { ShallowRef } from 'vue'
import { shallowRef } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { errorMessage } from '../logic/api'
import { safeRedirect } from '../logic/safe-redirect'

export interface UseAuthFormReturn {
  error: ShallowRef<string | null>
  busy: ShallowRef<boolean>
  /**
   * Checks the fields (`check` returns what is wrong, or null), runs the sign-in or registration, and on
   * success goes back to where the visitor was sent from; a failure becomes the form's error.
   */
  submit: (check: () => string | null, action: () => Promise<unknown>, describe?: (failure: unknown) => string) => Promise<void>
}

/** The submit flow shared by the sign-in and register pages. */
export function useAuthForm(): UseAuthFormReturn {
  const route = useRoute()
  const router = useRouter()
  const error = shallowRef<string | null>(null)
  const busy = shallowRef(false)

  async function submit(check: () => string | null, action: () => Promise<unknown>, describe: (failure: unknown) => string = errorMessage): Promise<void> {
    error.value = check()
    if (error.value)
      return
    busy.value = true
    try {
      await action()
      await router.replace(safeRedirect(route.query.redirect))
    }
    catch (failure) {
      error.value = describe(failure)
    }
    finally {
      busy.value = false
    }
  }

  return { error, busy, submit: submit as UseAuthFormReturn['submit'] }
}
