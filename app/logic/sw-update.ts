/**
 * The service worker's "prompt for update" lifecycle with the browser's own API (what workbox-window's
 * Workbox did for us, without its 5 KB on every first load): `waiting` when a new version is installed
 * while an older one controls the page, `controlling` when the new one takes over after SKIP_WAITING.
 */

/** The parts of ServiceWorker, ServiceWorkerRegistration and ServiceWorkerContainer that are used. */
export interface WorkerLike {
  state: string
  postMessage: (message: unknown) => void
  addEventListener: (type: 'statechange', listener: () => void) => void
}
export interface RegistrationLike {
  installing: WorkerLike | null
  waiting: WorkerLike | null
  addEventListener: (type: 'updatefound', listener: () => void) => void
}
export interface ContainerLike {
  controller: unknown
  register: (url: string, options: { scope: string }) => Promise<RegistrationLike>
  addEventListener: (type: 'controllerchange', listener: () => void) => void
}

export interface ServiceWorkerUpdates {
  addEventListener: ((type: 'waiting', listener: () => void) => void) & ((type: 'controlling', listener: (event: { isUpdate?: boolean }) => void) => void)
  /** Tells the waiting version to take over (the generated sw.js answers `SKIP_WAITING` with skipWaiting()). */
  messageSkipWaiting: () => void
  register: () => Promise<RegistrationLike>
}

export function serviceWorkerUpdates(url: string, scope: string, container: ContainerLike): ServiceWorkerUpdates {
  const onWaiting: Array<() => void> = []
  const onControlling: Array<(event: { isUpdate?: boolean }) => void> = []
  let waiting: WorkerLike | null = null

  const found = (worker: WorkerLike) => {
    waiting = worker
    onWaiting.forEach(listener => listener())
  }
  // A new version counts as an update only where an older one already controls the page.
  const track = (worker: WorkerLike | null) => {
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed' && container.controller)
        found(worker)
    })
  }

  return {
    addEventListener(type: 'waiting' | 'controlling', listener: (event: { isUpdate?: boolean }) => void) {
      if (type === 'waiting')
        onWaiting.push(listener as () => void)
      else
        onControlling.push(listener)
    },
    messageSkipWaiting() {
      waiting?.postMessage({ type: 'SKIP_WAITING' })
    },
    async register() {
      const wasControlled = !!container.controller
      container.addEventListener('controllerchange', () => {
        onControlling.forEach(listener => listener({ isUpdate: wasControlled }))
      })
      const registration = await container.register(url, { scope })
      if (registration.waiting && container.controller)
        found(registration.waiting)
      track(registration.installing)
      registration.addEventListener('updatefound', () => track(registration.installing))
      return registration
    },
  } as ServiceWorkerUpdates
}
