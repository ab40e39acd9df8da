import { countAttempt } from '../auth/rate-limits/attempt-counter'
import { tooManyAttempts } from '../auth/rate-limits/reserve-attempts'
import { CAPS } from '../limits/caps'

const MINUTE_MS = 60_000

/** Counts a test notification to a device and throws 429 past `CAPS.testPushesPerMinute` in a minute. */
export async function countTestPush(subscriptionId: string): Promise<void> {
  const attempt = await countAttempt(`push-test:${subscriptionId}`, MINUTE_MS)
  if (attempt.count > CAPS.testPushesPerMinute)
    throw tooManyAttempts(attempt, `test notifications to this device (at most ${CAPS.testPushesPerMinute} a minute)`)
}
