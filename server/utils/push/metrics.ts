import type { PrometheusSample } from '../http/prometheus-text'
import { prometheusLines } from '../http/prometheus-text'

/**
 * What became of a claimed push: `sent` (2xx), `gone` (404/410: the device is deleted), `retried`
 * (429, 5xx or no answer: queued again), `dropped` (out of attempts, or another 4xx), `held` (quiet
 * hours: queued until they end), `skipped` (its device or its reminder's reason went meanwhile),
 * `deferred` (its push service is backed off after sends that got no answer: queued until then, not
 * counted as an attempt).
 */
export const PUSH_OUTCOMES = ['sent', 'gone', 'retried', 'dropped', 'held', 'skipped', 'deferred'] as const
export type PushOutcome = typeof PUSH_OUTCOMES[number]

const outcomes = new Map<PushOutcome, number>()
let sweeps = 0

export function countPushOutcome(outcome: PushOutcome): void {
  outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1)
}

/** A worker pass that looked at every store, every due summary and the whole outbox is done. */
export function countPushSweep(): void {
  sweeps++
}

/** This instance's push deliveries since start, in the Prometheus text format. */
export function renderPushMetrics(): string {
  const samples = PUSH_OUTCOMES.map((outcome): PrometheusSample => [`{outcome="${outcome}"}`, outcomes.get(outcome) ?? 0])
  const sweepLines = prometheusLines('pulse_push_worker_sweeps_total', 'counter', 'Passes of the push worker over every store and the whole outbox.', [['', sweeps]])
  return `${[...prometheusLines('pulse_push_deliveries_total', 'counter', 'Claimed Web Push messages by outcome.', samples), ...sweepLines].join('\n')}\n`
}
