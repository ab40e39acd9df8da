import { Workbox } from 'workbox-window'

/** The part of workbox-window's Workbox that the prompt needs. */
export interface WorkboxLike {
  addEventListener: ((type: 'waiting', listener: () => void) => void) & ((type: 'controlling', listener: (event: { isUpdate?: boolean }) => void) => void)
  messageSkipWaiting: () => void
  register: () => Promise<unknown>
}

export interface RegisterOptions {
  /** @default () => new Workbox('/sw.js', { scope: '/' }) from workbox-window */
  createWorkbox?: () => Promise<WorkboxLike>
  /** @default () => location.reload() */
  reload?: () => void
}

/** What the page shows of the prompt (see useServiceWorker). */
export interface UpdatePrompt {
  /** A new version is installed and waiting. */
  waiting: () => void
  /** How to activate the waiting version, once there can be one. */
  applyWith: (apply: () => void) => void
}

/**
 * Registers the service worker with workbox-window, as "prompt for update": a new version waits until
 * the person chooses Reload (so a half-filled form is never lost), then takes over and the page reloads.
 */
export async function registerWithPrompt(prompt: UpdatePrompt, options: RegisterOptions = {}): Promise<void> {
  const {
    createWorkbox = async () => new Workbox('/sw.js', { scope: '/' }) as unknown as WorkboxLike,
    reload = () => globalThis.location.reload(),
  } = options
  const wb = await createWorkbox()
  wb.addEventListener('waiting', prompt.waiting)
  wb.addEventListener('controlling', (event) => {
    if (event.isUpdate)
      reload()
  })
  prompt.applyWith(() => wb.messageSkipWaiting())
  await wb.register()
}
