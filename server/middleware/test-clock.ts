import { defineHandler } from 'nitro'
import { applyTestNowHeader } from '~server/utils/time/clock'

// Only with PULSE_TEST_CLOCK=1 (integration tests): see server/utils/time/clock.ts.
export default defineHandler((event) => {
  applyTestNowHeader(event.req.headers.get('x-pulse-test-now'))
})
