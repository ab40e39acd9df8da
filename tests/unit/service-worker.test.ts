import type { WorkboxLike } from '../../app/composables/useServiceWorker'
import { describe, expect, it, vi } from 'vitest'
import { registerServiceWorker, useServiceWorker } from '../../app/composables/useServiceWorker'
import { serviceWorkerUpdates } from '../../app/logic/sw-update'

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

describe('service worker updates without workbox-window', () => {
  type Listener = () => void
  function fakeWorker(state = 'installing') {
    const listeners: Listener[] = []
    return {
      state,
      postMessage: vi.fn(),
      addEventListener: (_type: 'statechange', listener: Listener) => void listeners.push(listener),
      become(next: string) {
        this.state = next
        listeners.forEach(listener => listener())
      },
    }
  }
  function fakeContainer(controlled: boolean, registration: { installing: ReturnType<typeof fakeWorker> | null, waiting: ReturnType<typeof fakeWorker> | null }) {
    const updateFound: Listener[] = []
    const controllerChange: Listener[] = []
    const reg = { ...registration, addEventListener: (_type: 'updatefound', listener: Listener) => void updateFound.push(listener) }
    return {
      controller: controlled ? {} : null,
      register: vi.fn(async () => reg),
      addEventListener: (_type: 'controllerchange', listener: Listener) => void controllerChange.push(listener),
      reg,
      findUpdate(worker: ReturnType<typeof fakeWorker>) {
        reg.installing = worker
        updateFound.forEach(listener => listener())
      },
      takeOver: () => controllerChange.forEach(listener => listener()),
    }
  }

  it('a first install is no update: no banner, no reload', async () => {
    const worker = fakeWorker()
    const container = fakeContainer(false, { installing: worker, waiting: null })
    const updates = serviceWorkerUpdates('/sw.js', '/', container)
    const waiting = vi.fn()
    const controlling = vi.fn()
    updates.addEventListener('waiting', waiting)
    updates.addEventListener('controlling', controlling)
    await updates.register()
    expect(container.register).toHaveBeenCalledWith('/sw.js', { scope: '/' })
    worker.become('installed')
    expect(waiting).not.toHaveBeenCalled()
  })

  it('a new version found later waits, and takes over only after SKIP_WAITING', async () => {
    const container = fakeContainer(true, { installing: null, waiting: null })
    const updates = serviceWorkerUpdates('/sw.js', '/', container)
    const waiting = vi.fn()
    const controlling = vi.fn()
    updates.addEventListener('waiting', waiting)
    updates.addEventListener('controlling', controlling)
    await updates.register()
    const next = fakeWorker()
    container.findUpdate(next)
    next.become('installed')
    expect(waiting).toHaveBeenCalledOnce()
    updates.messageSkipWaiting()
    expect(next.postMessage).toHaveBeenCalledWith({ type: 'SKIP_WAITING' })
    container.takeOver()
    expect(controlling).toHaveBeenCalledWith({ isUpdate: true })
  })

  it('a version already waiting at start is offered at once', async () => {
    const waitingWorker = fakeWorker('installed')
    const container = fakeContainer(true, { installing: null, waiting: waitingWorker })
    const updates = serviceWorkerUpdates('/sw.js', '/', container)
    const waiting = vi.fn()
    updates.addEventListener('waiting', waiting)
    await updates.register()
    expect(waiting).toHaveBeenCalledOnce()
    updates.messageSkipWaiting()
    expect(waitingWorker.postMessage).toHaveBeenCalledWith({ type: 'SKIP_WAITING' })
  })
})
