// Test-only clock: with PULSE_TEST_CLOCK=1 a request's `X-Pulse-Test-Now` header (an ISO instant) is
// "now" for that request's writes and figures (server/middleware/test-clock.ts sets it). Tests send
// their requests one at a time, so a process-wide value is enough; without the variable it is never set.
let testNow: number | undefined

export const TEST_CLOCK_ENABLED = process.env.PULSE_TEST_CLOCK === '1'

export function currentTime(): Date {
  return testNow === undefined ? new Date() : new Date(testNow)
}

export function setTestNow(instant: number | undefined): void {
  testNow = TEST_CLOCK_ENABLED ? instant : undefined
}
