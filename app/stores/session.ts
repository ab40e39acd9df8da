import type { AuthResponse, MeResponse, Role, SignedOutResponse, Store, User } from '~shared/types/api'
import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import { api, ApiError } from '../logic/api'
import { offlineStore } from '../logic/offline-store'
import { mayHaveSession, rememberSession, shouldAskServer } from '../logic/session-hint'

export interface RegisterInput { email: string, password: string, storeName: string, timeZone: string, currency: string }

/**
 * Who is signed in. The session itself is an HttpOnly cookie; this store knows only the user and the store
 * (kept in IndexedDB too, so that the app opens offline with the last data).
 */
export const useSessionStore = defineStore('session', () => {
  const user = shallowRef<User | null>(null)
  const store = shallowRef<Store | null>(null)
  /** The profile came from this device's copy because the server could not be reached. */
  const fromCache = shallowRef(false)
  /** The role in this store (null for an API key) and the actions it allows (the server's permission table). */
  const role = shallowRef<Role | null>(null)
  const permissions = shallowRef<readonly string[]>([])
  /** How many stores the person can open, and read the analytics of (the switcher and "All locations" need two). */
  const storeCount = shallowRef(1)
  const analyticsStoreCount = shallowRef(0)
  let checked: Promise<boolean> | undefined
  /** What the stores that hold this person's data empty on sign-out. */
  const signOutHooks = new Set<() => void>()

  /** Runs `clear` on every sign-out from now on (a setup store calls it once, when it is created). */
  function onSignedOut(clear: () => void): void {
    signOutHooks.add(clear)
  }

  // A paired device has a store and no user.
  const signedIn = computed(() => store.value !== null)
  const can = (action: string) => permissions.value.includes(action)
  const currency = computed(() => store.value?.currency ?? 'USD')

  function adopt(profile: MeResponse, cached = false) {
    user.value = profile.user
    store.value = profile.store
    role.value = profile.role ?? null
    permissions.value = profile.permissions ?? []
    storeCount.value = profile.storeCount ?? 1
    analyticsStoreCount.value = profile.analyticsStoreCount ?? 0
    fromCache.value = cached
    if (!cached) {
      rememberSession(true)
      void offlineStore.saveProfile(profile)
    }
  }

  /**
   * Finds out once per page load whether a session exists (offline: trusts this device's last profile).
   * On a public page, a device where nobody signed in is taken as signed out without a request.
   */
  function ensure({ publicPage = false }: { publicPage?: boolean } = {}): Promise<boolean> {
    if (!checked && !shouldAskServer(publicPage, mayHaveSession()))
      return Promise.resolve(false)
    checked ??= (async () => {
      try {
        return adoptAnswer(await api<MeResponse | SignedOutResponse>('/auth/me'))
      }
      catch (error) {
        if (error instanceof ApiError) {
          forget()
          return false
        }
        const profile = await offlineStore.readProfile()
        if (!profile)
          return false
        adopt(profile, true)
        return true
      }
    })()
    return checked
  }

  /** The server's answer to who this is: signed in (adopted) or signed out (`{user: null, store: null}`). */
  function adoptAnswer(answer: MeResponse | SignedOutResponse): boolean {
    if (!answer.store) {
      forget()
      return false
    }
    adopt(answer)
    return true
  }

  async function signIn(email: string, password: string) {
    await api<AuthResponse>('/auth/login', { method: 'POST', body: { email, password } })
    // The role and its permissions come with the profile.
    adopt(await api<MeResponse>('/auth/me'))
    checked = Promise.resolve(true)
  }

  async function register(input: RegisterInput) {
    await api<AuthResponse>('/auth/register', { method: 'POST', body: input })
    adopt(await api<MeResponse>('/auth/me'))
    checked = Promise.resolve(true)
  }

  function forget() {
    rememberSession(false)
    user.value = null
    store.value = null
    role.value = null
    permissions.value = []
    checked = Promise.resolve(false)
  }

  async function signOut() {
    try {
      await api('/auth/logout', { method: 'POST' })
    }
    catch {}
    forget()
    await offlineStore.clearAll()
    // Last, right before the caller leaves the page: a page still open while the offline copies are deleted
    // would read its emptied figures again, and be refused.
    for (const clear of signOutHooks) clear()
  }

  /** Asks the server whether the session still exists (after the stream keeps failing); false when it ended. */
  async function revalidate(): Promise<boolean> {
    try {
      return adoptAnswer(await api<MeResponse | SignedOutResponse>('/auth/me'))
    }
    catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        forget()
        return false
      }
      return true
    }
  }

  /** After a 401 from any call: the session is gone. */
  function expire() {
    forget()
  }

  return { user, store, role, permissions, storeCount, analyticsStoreCount, can, fromCache, signedIn, currency, ensure, signIn, register, signOut, onSignedOut, expire, revalidate }
})
