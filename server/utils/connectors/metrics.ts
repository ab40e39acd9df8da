import type { PrometheusSample } from '../http/prometheus-text'
import { DELIVERY_OUTCOMES, PLATFORMS } from '~shared/domain'
import { prometheusLines } from '../http/prometheus-text'

/** A delivery's outcome, or `invalid_signature` (refused with 401 and never stored). */
export type WebhookCount = typeof DELIVERY_OUTCOMES[number] | 'invalid_signature'

const counts = new Map<string, number>()

export function countWebhook(platform: string, outcome: WebhookCount): void {
  const key = `{platform="${platform}",outcome="${outcome}"}`
  counts.set(key, (counts.get(key) ?? 0) + 1)
}

/** This instance's webhook deliveries since start by platform and outcome, in the Prometheus text format. */
export function renderWebhookMetrics(): string {
  const samples: PrometheusSample[] = PLATFORMS.flatMap(platform => [...DELIVERY_OUTCOMES, 'invalid_signature'].map((outcome): PrometheusSample => {
    const key = `{platform="${platform}",outcome="${outcome}"}`
    return [key, counts.get(key) ?? 0]
  }))
  return `${prometheusLines('pulse_webhook_deliveries_total', 'counter', 'Webhook deliveries from connections by platform and outcome (invalid_signature: refused, not stored).', samples).join('\n')}\n`
}
