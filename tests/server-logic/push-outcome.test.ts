import { describe, expect, it } from 'vitest'
import { sendOutcome } from '~server/utils/push/outcome'

describe('what a push service\'s answer makes of a push', () => {
  it('2xx is sent', () => {
    for (const status of [200, 201, 202, 204, 299])
      expect(sendOutcome(status, 1, 10), String(status)).toBe('sent')
  })

  it('404 and 410 are gone, at any attempt', () => {
    for (const [status, attempts] of [[404, 1], [410, 1], [410, 10]])
      expect(sendOutcome(status, attempts, 10), `${status} at ${attempts}`).toBe('gone')
  })

  it('no answer (0), 429 and 5xx are retried while attempts remain, then dropped', () => {
    for (const status of [0, 429, 500, 502, 503, 504]) {
      expect(sendOutcome(status, 1, 10), `${status} at 1`).toBe('retried')
      expect(sendOutcome(status, 9, 10), `${status} at 9`).toBe('retried')
      expect(sendOutcome(status, 10, 10), `${status} at 10`).toBe('dropped')
    }
  })

  it('other answers are dropped at once: retrying a refused push gets the same answer', () => {
    for (const status of [100, 301, 400, 401, 403, 413, 418, 499])
      expect(sendOutcome(status, 1, 10), String(status)).toBe('dropped')
  })
})
