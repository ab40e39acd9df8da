import { prometheusLines } from '../http/prometheus-text'
import { exportsRunning } from './export-slots'

/** The orders exports this instance runs under its per-store and per-instance limits, in the Prometheus text format. */
export function renderExportMetrics(): string {
  return `${prometheusLines('pulse_exports_running', 'gauge', 'Orders exports running (PULSE_EXPORTS_PER_STORE, PULSE_EXPORTS_PER_INSTANCE).', [['', exportsRunning()]]).join('\n')}\n`
}
