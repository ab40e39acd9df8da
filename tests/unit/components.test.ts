import type { LiveStatus } from '../../app/logic/channel'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { nextTick, shallowRef } from 'vue'
import LiveBadge from '../../app/components/layout/LiveBadge.vue'
import OfflineBanner from '../../app/components/layout/OfflineBanner.vue'
import RealtimeToggle from '../../app/components/layout/RealtimeToggle.vue'
import { useLiveStore } from '../../app/stores/live'
// @vitest-environment happy-dom
import { mountWithI18n as mount } from '../helpers/i18n'

describe('header controls', () => {
  beforeEach(() => {
    localStorage.clear()
    setActivePinia(createPinia())
  })

  it('the live badge says Live, Connecting… or Offline', async () => {
    const live = useLiveStore()
    const badge = mount(LiveBadge)
    const el = () => badge.get('[data-testid="live-badge"]')
    expect(el().text()).toBe('Offline')
    const status = shallowRef<LiveStatus>('connecting')
    live.attach({ status, isLeader: shallowRef(true) })
    await nextTick()
    expect(el().text()).toBe('Connecting…')
    status.value = 'live'
    await nextTick()
    expect(el().text()).toBe('Live')
    expect(el().classes()).toContain('live')
    // Lost after being live: it says so, and Live again once back.
    status.value = 'connecting'
    await nextTick()
    expect(el().text()).toBe('Reconnecting…')
    status.value = 'live'
    await nextTick()
    expect(el().text()).toBe('Live')
  })

  it('the Real-time toggle is a labelled switch, remembered on this device', async () => {
    const toggle = mount(RealtimeToggle)
    const input = toggle.get('input')
    expect(input.attributes('role')).toBe('switch')
    expect(toggle.get('label').text()).toContain('Real-time')
    expect((input.element as HTMLInputElement).checked).toBe(true)
    await input.setValue(false)
    expect(useLiveStore().realtime).toBe(false)
    expect(localStorage.getItem('pulse:realtime')).toBe('off')
    // A new page load on the same device starts with it off.
    setActivePinia(createPinia())
    expect(useLiveStore().realtime).toBe(false)
  })

  it('the offline banner gives the time of the data shown', () => {
    const savedAt = new Date(2026, 10, 26, 14, 32).getTime()
    const banner = mount(OfflineBanner, { props: { savedAt, offline: true, fromCache: true } })
    expect(banner.text()).toMatch(/^Offline — showing data from (0?2:32|14:32)/)
    expect(banner.find('[role="status"]').exists()).toBe(true)
    const hidden = mount(OfflineBanner, { props: { savedAt, offline: false, fromCache: false } })
    expect(hidden.find('[data-testid="offline-banner"]').exists()).toBe(false)
  })
})
