import type { AuthResponse, MeResponse, Store, User } from '~shared/types/api'
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
  let checked: Promise<boolean> | undefined

  const signedIn = computed(() => user.value !== null)
  const currency = computed(() => store.value?.currency ?? 'USD')

  function adopt(profile: MeResponse, cached = false) {
    user.value = profile.user
    store.value = profile.store
    fromCache.value = cached
    if (!cached) {
      rememberSession(true)
      void offlineStore.saveProfile({ user: profile.user, store: profile.store })
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
        adopt(await api<MeResponse>('/auth/me'))
        return true
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

  async function signIn(email: string, password: string) {
    const { user, store } = await api<AuthResponse>('/auth/login', { method: 'POST', body: { email, password } })
    adopt({ user, store })
    checked = Promise.resolve(true)
  }

  async function register(input: RegisterInput) {
    const { user, store } = await api<AuthResponse>('/auth/register', { method: 'POST', body: input })
    adopt({ user, store })
    checked = Promise.resolve(true)
  }

  function forget() {
    rememberSession(false)
    user.value = null
    store.value = null
    checked = Promise.resolve(false)
  }

  async function signOut() {
    try {
      await api('/auth/logout', { method: 'POST' })
    }
    catch {}
    forget()
    await offlineStore.clearAll()
  }

  /** Asks the server whether the session still exists (after the stream keeps failing); false when it ended. */
  async function revalidate(): Promise<boolean> {
    try {
      adopt(await api<MeResponse>('/auth/me'))
      return true
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

  return { user, store, fromCache, signedIn, currency, ensure, signIn, register, signOut, expire, revalidate }
})
