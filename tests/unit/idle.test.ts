import type { IdleEnv } from '../../app/logic/idle'
import { describe, expect, it, vi } from 'vitest'
import { whenIdleAfterLoad, whenIdleAfterPaint, yieldToMain } from '../../app/logic/idle'

/** Browser timers, faked: the test says when a frame, a task, an idle period or `load` happens. */
function fakeEnv({ withIdle = true, ready = 'complete' } = {}) {
  const frames: Array<() => void> = []
  const tasks: Array<() => void> = []
  const idle: Array<{ callback: () => void, timeout?: number }> = []
  const load: Array<() => void> = []
  let readyState = ready
  const env: IdleEnv = {
    setTimeout: (callback) => {
      tasks.push(callback)
      return tasks.length - 1
    },
    clearTimeout: (handle) => {
      tasks[handle as number] = () => {}
    },
    requestAnimationFrame: (callback) => {
      frames.push(callback)
      return frames.length - 1
    },
    cancelAnimationFrame: (handle) => {
      frames[handle as number] = () => {}
    },
    requestIdleCallback: withIdle
      ? (callback, options) => {
          idle.push({ callback, timeout: options?.timeout })
          return idle.length - 1
        }
      : undefined,
    cancelIdleCallback: (handle) => {
      idle[handle as number].callback = () => {}
    },
    readyState: () => readyState,
    addEventListener: (_type, listener) => {
      load.push(listener)
    },
    removeEventListener: (_type, listener) => {
      load.splice(load.indexOf(listener), 1)
    },
  }
  const run = (queue: Array<() => void>) => queue.splice(0).forEach(callback => callback())
  return {
    env,
    frame: () => run(frames),
    task: () => run(tasks),
    idle: () => idle.splice(0).forEach(({ callback }) => callback()),
    idleTimeouts: () => idle.map(i => i.timeout),
    load: () => {
      readyState = 'complete'
      run(load)
    },
  }
}

describe('whenIdleAfterPaint', () => {
  it('waits for a painted frame, then a task, then an idle period', () => {
    const browser = fakeEnv()
    const work = vi.fn()
    whenIdleAfterPaint(work, { env: browser.env, timeout: 1500 })
    browser.task()
    browser.idle()
    expect(work).not.toHaveBeenCalled()
    browser.frame()
    expect(work).not.toHaveBeenCalled()
    browser.task()
    expect(work).not.toHaveBeenCalled()
    expect(browser.idleTimeouts()).toEqual([1500])
    browser.idle()
    expect(work).toHaveBeenCalledOnce()
  })

  it('falls back to a timer where requestIdleCallback is missing', () => {
    const browser = fakeEnv({ withIdle: false })
    const work = vi.fn()
    whenIdleAfterPaint(work, { env: browser.env })
    browser.frame()
    browser.task()
    expect(work).not.toHaveBeenCalled()
    browser.task()
    expect(work).toHaveBeenCalledOnce()
  })

  it('never runs the work once cancelled, at any step', () => {
    for (const steps of [0, 1, 2]) {
      const browser = fakeEnv()
      const work = vi.fn()
      const cancel = whenIdleAfterPaint(work, { env: browser.env })
      if (steps > 0)
        browser.frame()
      if (steps > 1)
        browser.task()
      cancel()
      browser.frame()
      browser.task()
      browser.idle()
      expect(work).not.toHaveBeenCalled()
    }
  })
})

describe('whenIdleAfterLoad', () => {
  it('waits for the load event when the page is still loading', () => {
    const browser = fakeEnv({ ready: 'interactive' })
    const work = vi.fn()
    whenIdleAfterLoad(work, { env: browser.env })
    browser.frame()
    browser.task()
    browser.idle()
    expect(work).not.toHaveBeenCalled()
    browser.load()
    browser.frame()
    browser.task()
    browser.idle()
    expect(work).toHaveBeenCalledOnce()
  })

  it('starts at once after load, and can be cancelled before load', () => {
    const loaded = fakeEnv()
    const work = vi.fn()
    whenIdleAfterLoad(work, { env: loaded.env })
    loaded.frame()
    loaded.task()
    loaded.idle()
    expect(work).toHaveBeenCalledOnce()

    const loading = fakeEnv({ ready: 'loading' })
    const never = vi.fn()
    whenIdleAfterLoad(never, { env: loading.env })()
    loading.load()
    loading.frame()
    loading.task()
    loading.idle()
    expect(never).not.toHaveBeenCalled()
  })
})

describe('yieldToMain', () => {
  it('resolves in a later task', async () => {
    const browser = fakeEnv()
    let resumed = false
    const done = yieldToMain(browser.env).then(() => {
      resumed = true
    })
    await Promise.resolve()
    expect(resumed).toBe(false)
    browser.task()
    await done
    expect(resumed).toBe(true)
  })
})
