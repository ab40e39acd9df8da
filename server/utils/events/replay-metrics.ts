import { prometheusLines } from '../http/prometheus-text'
import { replayCounts } from './replay-slots'

/** The event-log replays this instance runs under its per-store and per-instance limits, in the Prometheus text format. */
export function renderReplayMetrics(): string {
  const replays = replayCounts()
  return `${[
    ...prometheusLines('pulse_replays_running', 'gauge', 'Event-log replays to streams running (PULSE_REPLAYS_PER_STORE, PULSE_REPLAYS_PER_INSTANCE).', [['', replays.running]]),
    ...prometheusLines('pulse_replays_waiting', 'gauge', 'Event-log replays waiting for a slot.', [['', replays.waiting]]),
    ...prometheusLines('pulse_replays_waited_total', 'counter', 'Event-log replays that had to wait for a slot.', [['', replays.waitedTotal]]),
  ].join('\n')}\n`
}
