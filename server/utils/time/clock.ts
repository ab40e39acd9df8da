import { readFileSync } from 'node:fs'
import { useConfig } from '../config'

// The server's one clock. Outside tests it is the real one. Two test seams move it:
// - With PULSE_TEST_CLOCK=1 a request's `X-Pulse-Test-Now` header (an ISO instant) is "now" for that
//   request's writes and figures (server/middleware/test-clock.ts sets it). Tests send their requests
//   one at a time, so a process-wide value is enough; without the variable it is never set.
// - PULSE_TEST_CLOCK_FILE names a file holding how many milliseconds the push worker's clock runs
//   ahead, read again at every call, so that a test moves quiet hours and reminders without waiting.
let testNow: number | undefined

// Read when asked, never when the module loads: the configuration is built once, and a module that
// loads early would fix it before a test (or a script) has set the environment.
export function isTestClockEnabled(): boolean {
  return useConfig().testClock
}

export function currentTime(): Date {
  return testNow === undefined ? new Date() : new Date(testNow)
}

export function setTestNow(instant: number | undefined): void {
  testNow = isTestClockEnabled() ? instant : undefined
}

/** A request's `X-Pulse-Test-Now` header is "now" until the next request (nothing without PULSE_TEST_CLOCK). */
export function applyTestNowHeader(header: string | null | undefined): void {
  if (!isTestClockEnabled())
    return
  const instant = header ? Date.parse(header) : Number.NaN
  setTestNow(Number.isFinite(instant) ? instant : undefined)
}

/** The push worker's clock: the real one plus the test offset (0 outside tests). */
export function pushNow(): number {
  return Date.now() + clockOffsetMs()
}

/** How far the push clock is ahead of the real one: 0 outside tests. */
export function clockOffsetMs(): number {
  const file = useConfig().testClockFile
  if (!file)
    return 0
  try {
    return Number(readFileSync(file, 'utf8').trim()) || 0
  }
  catch {
    return 0
  }
}

export const iso = (ms: number) => new Date(ms).toISOString()
