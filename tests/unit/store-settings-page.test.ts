// @vitest-environment happy-dom
import type { StoreSettings } from '~shared/types/api'
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { t } from '../../app/i18n'
import { AMOUNT_MESSAGE_KEY } from '../../app/logic/catalog'
import StoreSettingsPage from '../../app/pages/StoreSettingsPage.vue'
import { useSessionStore } from '../../app/stores/session'
import { mountWithI18n as mount } from '../helpers/i18n'

const SETTINGS: StoreSettings = { id: 'store-1', name: 'Demo', timeZone: 'UTC', currency: 'USD', createdAt: '', dayStartsAt: '00:00', dailyGoalCents: null, staffCanSeeToday: false }

/** The server, faked at fetch: the store's settings, and every PATCH body it was sent. */
function fakeApi() {
  const patches: Array<Record<string, unknown>> = []
  vi.stubGlobal('fetch', vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input)
    if (init?.method === 'PATCH')
      patches.push(JSON.parse(String(init.body)) as Record<string, unknown>)
    const body = url.includes('/auth/me')
      ? { user: null, store: SETTINGS, role: 'owner', permissions: ['settings:read', 'settings:manage'] }
      : { ...SETTINGS, dailyGoalCents: (patches.at(-1)?.dailyGoalCents as number | null | undefined) ?? null }
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })
  }))
  return { patches }
}

describe('store settings page', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    const session = useSessionStore()
    session.store = SETTINGS
    session.permissions = ['settings:read', 'settings:manage']
  })
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('reads the daily goal with parseMoney: a wrong amount is refused with its message, a right one is sent in cents', async () => {
    const { patches } = fakeApi()
    const page = mount(StoreSettingsPage, { global: { stubs: { DeviceSettings: true, LanguagePicker: true, SettingsTabs: true } } })
    await flushPromises()
    const goal = page.get('[data-testid="settings-goal"]')
    for (const wrong of ['abc', '0', '1.2.3']) {
      await goal.setValue(wrong)
      await page.get('form').trigger('submit')
      await flushPromises()
      expect(page.get('[role="status"]').text()).toBe(t(AMOUNT_MESSAGE_KEY))
    }
    expect(patches).toEqual([])

    await goal.setValue('250,5')
    await page.get('form').trigger('submit')
    await flushPromises()
    expect(patches.map(patch => patch.dailyGoalCents)).toEqual([25_050])
    expect((goal.element as HTMLInputElement).value).toBe('250.50')

    await goal.setValue('  ')
    await page.get('form').trigger('submit')
    await flushPromises()
    expect(patches.map(patch => patch.dailyGoalCents)).toEqual([25_050, null])
    page.unmount()
  })
})
