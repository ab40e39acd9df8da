import { defineHandler } from 'nitro'
import { isTestClockEnabled, setTestNow } from '~server/utils/time/clock'

// Only with PULSE_TEST_CLOCK=1 (integration tests): see server/utils/time/clock.ts.
export default defineHandler((event) => {
  if (!isTestClockEnabled())
    return
  const header = event.req.headers.get('x-pulse-test-now')
  const instant = header ? Date.parse(header) : Number.NaN
  setTestNow(Number.isFinite(instant) ? instant : undefined)
})
