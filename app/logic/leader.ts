/** The part of the Web Locks API that leader election needs (navigator.locks in browsers). */
export interface LockManagerLike {
  request: (name: string, options: { mode?: 'exclusive' | 'shared', signal?: AbortSignal }, callback: (lock: unknown) => Promise<unknown>) => Promise<unknown>
}

export interface LeaderElectionOptions {
  /** The lock's name: one leader per name per browser profile and origin. */
  name: string
  /** Called with true when this tab becomes the leader, false when it stops being it. */
  onChange: (isLeader: boolean) => void
  /**
   * The lock manager.
   * @default globalThis.navigator?.locks
   */
  locks?: LockManagerLike | undefined
}

export interface LeaderElection {
  /** Joins the election (queues for the lock); no-op when already in it. */
  start: () => void
  /** Leaves the election: releases the lock if held (the next tab in line takes it), or leaves the queue. */
  stop: () => void
  readonly isLeader: boolean
  readonly running: boolean
}

/**
 * Leader election with the Web Locks API: every tab asks for the same exclusive lock; the browser grants it
 * to one, which holds it until it stops or its tab closes or crashes, and then hands it to the next in the
 * queue. Without Web Locks each tab leads on its own (one stream per tab, as before).
 */
export function createLeaderElection(options: LeaderElectionOptions): LeaderElection {
  const locks = 'locks' in options ? options.locks : (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks
  let isLeader = false
  let running = false
  let abort: AbortController | undefined
  let release: (() => void) | undefined

  const setLeader = (value: boolean) => {
    if (isLeader === value)
      return
    isLeader = value
    options.onChange(value)
  }

  return {
    get isLeader() {
      return isLeader
    },
    get running() {
      return running
    },
    start() {
      if (running)
        return
      running = true
      if (!locks) {
        setLeader(true)
        return
      }
      const controller = new AbortController()
      abort = controller
      locks.request(options.name, { mode: 'exclusive', signal: controller.signal }, () => {
        if (controller.signal.aborted)
          return Promise.resolve()
        return new Promise<void>((resolve) => {
          release = resolve
          setLeader(true)
        })
      }).catch(() => {
        // AbortError: we left the queue before getting the lock.
      })
    },
    stop() {
      if (!running)
        return
      running = false
      abort?.abort()
      abort = undefined
      const held = release
      release = undefined
      setLeader(false)
      held?.()
    },
  }
}
