import type { PushOutcome } from './metrics'

/** What a push service's answer makes of a push that was sent: the outcomes a send can have. */
export type SendOutcome = Extract<PushOutcome, 'sent' | 'gone' | 'retried' | 'dropped'>

/**
 * The outcome of a send by the push service's status (0: no answer) and the attempts made so far:
 * 2xx sent; 404 and 410 gone, since the browser unsubscribed or the subscription expired and it will
 * never work again; no answer, 429 and 5xx retried while attempts remain; anything else dropped.
 */
export function sendOutcome(status: number, attempts: number, maxAttempts: number): SendOutcome {
  if (status >= 200 && status < 300)
    return 'sent'
  if (status === 404 || status === 410)
    return 'gone'
  if ((status === 0 || status === 429 || status >= 500) && attempts < maxAttempts)
    return 'retried'
  return 'dropped'
}
