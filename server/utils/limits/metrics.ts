import { replayCounts } from '../events/replay-slots'
import { exportsRunning } from '../exports/export-slots'
import { prometheusLines } from '../http/prometheus-text'

/** The costly work this instance runs under its per-store and per-instance limits, in the Prometheus text format. */
export function renderLimitMetrics(): string {
  const replays = replayCounts()
  return `${[
    ...prometheusLines('pulse_exports_running', 'gauge', 'Orders exports running (PULSE_EXPORTS_PER_STORE, PULSE_EXPORTS_PER_INSTANCE).', [['', exportsRunning()]]),
    ...prometheusLines('pulse_replays_running', 'gauge', 'Event-log replays to streams running (PULSE_REPLAYS_PER_STORE, PULSE_REPLAYS_PER_INSTANCE).', [['', replays.running]]),
    ...prometheusLines('pulse_replays_waiting', 'gauge', 'Event-log replays waiting for a slot.', [['', replays.waiting]]),
    ...prometheusLines('pulse_replays_waited_total', 'counter', 'Event-log replays that had to wait for a slot.', [['', replays.waitedTotal]]),
  ].join('\n')}\n`
}
