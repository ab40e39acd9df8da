/**
 * Start-up scheduling: work that is not needed for the first paint (the chart, the service worker) waits
 * until the page has painted and the main thread is idle, so that it never sits in the way of the KPIs.
 */

/** The browser timers the scheduling needs (injectable for tests). */
export interface IdleEnv {
  setTimeout: (callback: () => void, ms: number) => unknown
  clearTimeout: (handle: unknown) => void
  requestAnimationFrame?: (callback: () => void) => unknown
  cancelAnimationFrame?: (handle: unknown) => void
  requestIdleCallback?: (callback: () => void, options?: { timeout: number }) => unknown
  cancelIdleCallback?: (handle: unknown) => void
  /** For `afterLoad`: the document's readiness and its window's `load` event. */
  readyState?: () => string
  addEventListener?: (type: 'load', listener: () => void, options?: { once: boolean }) => void
  removeEventListener?: (type: 'load', listener: () => void) => void
}

export interface IdleOptions {
  /**
   * The longest wait for an idle period (ms): the work runs then even if the page is busy.
   * @default 2000
   */
  timeout?: number
  /** @default the browser's (globalThis) */
  env?: IdleEnv
}

/** Cancels the scheduled work if it has not run yet. */
export type Cancel = () => void

export function browserEnv(): IdleEnv {
  const g = globalThis as unknown as Record<string, unknown>
  const bind = <T>(name: string): T | undefined => (typeof g[name] === 'function' ? (g[name] as (...args: unknown[]) => unknown).bind(globalThis) as T : undefined)
  const doc = (globalThis as { document?: Document }).document
  return {
    setTimeout: bind('setTimeout')!,
    clearTimeout: bind('clearTimeout')!,
    requestAnimationFrame: bind('requestAnimationFrame'),
    cancelAnimationFrame: bind('cancelAnimationFrame'),
    requestIdleCallback: bind('requestIdleCallback'),
    cancelIdleCallback: bind('cancelIdleCallback'),
    readyState: doc ? () => doc.readyState : undefined,
    addEventListener: bind('addEventListener'),
    removeEventListener: bind('removeEventListener'),
  }
}

/**
 * Runs `work` once the next frame has been painted and then the main thread is idle (at the latest after
 * `timeout` ms of waiting for idle). Without requestAnimationFrame / requestIdleCallback, timers stand in.
 */
export function whenIdleAfterPaint(work: () => void, options: IdleOptions = {}): Cancel {
  const { timeout = 2000, env = browserEnv() } = options
  let cancelled = false
  let cancelStep: Cancel = () => {}

  const idle = () => {
    if (cancelled)
      return
    if (env.requestIdleCallback) {
      const handle = env.requestIdleCallback(() => {
        if (!cancelled)
          work()
      }, { timeout })
      cancelStep = () => env.cancelIdleCallback?.(handle)
    }
    else {
      const handle = env.setTimeout(() => {
        if (!cancelled)
          work()
      }, 1)
      cancelStep = () => env.clearTimeout(handle)
    }
  }
  // A frame callback runs before the paint; a task queued from it runs after that paint.
  const afterPaint = () => {
    if (cancelled)
      return
    const handle = env.setTimeout(idle, 0)
    cancelStep = () => env.clearTimeout(handle)
  }
  if (env.requestAnimationFrame) {
    const handle = env.requestAnimationFrame(afterPaint)
    cancelStep = () => env.cancelAnimationFrame?.(handle)
  }
  else {
    afterPaint()
  }
  return () => {
    cancelled = true
    cancelStep()
  }
}

/** Runs `work` after the window's `load` event, once the main thread is idle (see whenIdleAfterPaint). */
export function whenIdleAfterLoad(work: () => void, options: IdleOptions = {}): Cancel {
  const env = options.env ?? browserEnv()
  let cancelIdle: Cancel | undefined
  const start = () => {
    cancelIdle = whenIdleAfterPaint(work, { ...options, env })
  }
  if (!env.readyState || !env.addEventListener || env.readyState() === 'complete') {
    start()
    return () => cancelIdle?.()
  }
  env.addEventListener('load', start, { once: true })
  return () => {
    env.removeEventListener?.('load', start)
    cancelIdle?.()
  }
}

/** Gives the main thread back for a moment: splits long work into separate tasks (each under 50 ms). */
export function yieldToMain(env?: Pick<IdleEnv, 'setTimeout'>): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler
  if (!env && typeof scheduler?.yield === 'function')
    return scheduler.yield()
  const timers = env ?? browserEnv()
  return new Promise(resolve => timers.setTimeout(resolve, 0))
}
