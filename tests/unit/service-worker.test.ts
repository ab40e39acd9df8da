import type { WorkboxLike } from '../../app/composables/useServiceWorker'
import { describe, expect, it, vi } from 'vitest'
import { registerServiceWorker, useServiceWorker } from '../../app/composables/useServiceWorker'

/** workbox-window's Workbox, faked: the test plays the browser's service worker lifecycle. */
function fakeWorkbox() {
  const listeners = new Map<string, Array<(event: { isUpdate?: boolean }) => void>>()
  const wb = {
    addEventListener: (type: string, listener: (event: { isUpdate?: boolean }) => void) => {
      listeners.set(type, [...(listeners.get(type) ?? []), listener])
    },
    messageSkipWaiting: vi.fn(),
    register: vi.fn(async () => undefined),
  }
  const fire = (type: string, event: { isUpdate?: boolean } = {}) => listeners.get(type)?.forEach(listener => listener(event))
  return { wb: wb as unknown as WorkboxLike & typeof wb, fire }
}

describe('prompt for update (workbox-window)', () => {
  it('shows the banner when a new version waits, and reloads only after the person chooses Reload', async () => {
    const { wb, fire } = fakeWorkbox()
    const reload = vi.fn()
    await registerServiceWorker({ createWorkbox: async () => wb, reload })
    expect(wb.register).toHaveBeenCalledOnce()
    const { updateReady, applyUpdate } = useServiceWorker()
    expect(updateReady.value).toBe(false)

    fire('waiting')
    expect(updateReady.value).toBe(true)
    expect(reload).not.toHaveBeenCalled()

    applyUpdate()
    expect(wb.messageSkipWaiting).toHaveBeenCalledOnce()
    fire('controlling', { isUpdate: true })
    expect(reload).toHaveBeenCalledOnce()
  })
})
