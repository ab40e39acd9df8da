import { prometheusLines } from '../http/prometheus-text'

const outcomes = { success: 0, failure: 0 }
let lastSuccessMs = 0

export function countBackup(outcome: keyof typeof outcomes, at = Date.now()): void {
  outcomes[outcome]++
  if (outcome === 'success')
    lastSuccessMs = at
}

/** This instance's scheduled backups since start, in the Prometheus text format. */
export function renderBackupMetrics(): string {
  return `${[
    ...prometheusLines('pulse_backups_total', 'counter', 'Scheduled backups by outcome.', [['{outcome="success"}', outcomes.success], ['{outcome="failure"}', outcomes.failure]]),
    ...prometheusLines('pulse_backup_last_success_seconds', 'gauge', 'When the last scheduled backup succeeded (Unix seconds; 0: none yet).', [['', Math.floor(lastSuccessMs / 1000)]]),
  ].join('\n')}\n`
}
