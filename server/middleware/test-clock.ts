import { defineHandler } from 'nitro'
import { setTestNow, TEST_CLOCK_ENABLED } from '~server/utils/time/clock'

// Only with PULSE_TEST_CLOCK=1 (integration tests): see server/utils/time/clock.ts.
export default defineHandler((event) => {
  if (!TEST_CLOCK_ENABLED)
    return
  const header = event.req.headers.get('x-pulse-test-now')
  const instant = header ? Date.parse(header) : Number.NaN
  setTestNow(Number.isFinite(instant) ? instant : undefined)
})
