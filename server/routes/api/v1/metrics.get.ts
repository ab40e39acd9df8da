import { timingSafeEqual } from 'node:crypto'
import { defineHandler } from 'nitro'
import { renderBackupMetrics } from '~server/utils/backups/backup-metrics'
import { useConfig } from '~server/utils/config'
import { renderWebhookMetrics } from '~server/utils/connectors/metrics'
import { renderCheckpointMetrics } from '~server/utils/db/checkpoint-worker'
import { renderPrometheus } from '~server/utils/events/metrics'
import { renderReplayMetrics } from '~server/utils/events/replay-metrics'
import { renderExportMetrics } from '~server/utils/exports/export-metrics'
import { clientAddress, isLoopback } from '~server/utils/http/client-address'
import { createApiError } from '~server/utils/http/errors'
import { renderPushMetrics } from '~server/utils/push/metrics'

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

// With a token, anyone who has it; without one, only the machine itself (a scraper on localhost).
export default defineHandler((event) => {
  const { metricsToken } = useConfig()
  if (metricsToken) {
    const given = /^Bearer\s+(\S+)$/i.exec(event.req.headers.get('authorization') ?? '')?.[1]
    if (!given || !sameSecret(given, metricsToken))
      throw createApiError('unauthorized', 'Send the metrics token as Authorization: Bearer.')
  }
  else if (!isLoopback(clientAddress(event))) {
    throw createApiError('forbidden', 'Metrics answer only loopback addresses unless PULSE_METRICS_TOKEN is set.')
  }
  event.res.headers.set('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  event.res.headers.set('cache-control', 'no-store')
  return renderPrometheus() + renderPushMetrics() + renderWebhookMetrics() + renderExportMetrics() + renderReplayMetrics() + renderBackupMetrics() + renderCheckpointMetrics()
})
