export interface Throttled {
  /** Asks for a run: at once if none ran in the last interval, else once at the end of it. */
  (): void
  /** Forgets a pending run. */
  cancel: () => void
}

/**
 * Runs `fn` at most once per `intervalMs`, however often it is asked: the first request runs at once,
 * requests during the interval collapse into one run at its end. Timers only ever follow a request.
 */
export function throttle(fn: () => void, intervalMs: number, now: () => number = Date.now): Throttled {
  let lastRun = -Infinity
  let timer: ReturnType<typeof setTimeout> | undefined
  const run = () => {
    timer = undefined
    lastRun = now()
    fn()
  }
  const throttled = (() => {
    if (timer !== undefined)
      return
    const wait = lastRun + intervalMs - now()
    if (wait <= 0)
      run()
    else
      timer = setTimeout(run, wait)
  }) as Throttled
  throttled.cancel = () => {
    if (timer !== undefined)
      clearTimeout(timer)
    timer = undefined
  }
  return throttled
}
