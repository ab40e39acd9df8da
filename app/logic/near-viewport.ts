import type { Cancel } from './idle'

export interface NearViewportOptions {
  /**
   * How close to the viewport counts as near (an IntersectionObserver root margin).
   * @default '0px'
   */
  margin?: string
  /**
   * When to run anyway, in ms after the call, if the element never came near.
   * @default 3000
   */
  laterMs?: number
}

/**
 * Runs `work` once: when `element` comes near the viewport, or `laterMs` after the call, whichever comes
 * first. A part below the fold on a phone (the chart under the KPIs) gets its code after the first load,
 * yet before the merchant scrolls to it; where it is in view (a desktop) it comes at once. `work` may
 * return a Cancel for its own later steps.
 */
export function whenNearViewport(element: Element | null | undefined, work: () => Cancel | void, options: NearViewportOptions = {}): Cancel {
  const { margin = '0px', laterMs = 3000 } = options
  let cancelWork: Cancel | void
  let observer: IntersectionObserver | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  let started = false
  const start = () => {
    if (started)
      return
    started = true
    observer?.disconnect()
    clearTimeout(timer)
    cancelWork = work()
  }
  if (!element || typeof IntersectionObserver === 'undefined') {
    start()
  }
  else {
    observer = new IntersectionObserver((entries) => {
      if (entries.some(entry => entry.isIntersecting))
        start()
    }, { rootMargin: margin })
    observer.observe(element)
    timer = setTimeout(start, laterMs)
  }
  return () => {
    started = true
    observer?.disconnect()
    clearTimeout(timer)
    cancelWork?.()
  }
}
