import type { StreamEventType } from '~shared/types/api'
import type { PrometheusSample } from '../http/prometheus-text'
import { STREAM_EVENT_TYPES } from '~shared/domain'
import { prometheusLines } from '../http/prometheus-text'

const LATENCY_BUCKETS_MS = [1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500]

class Histogram {
  readonly counts = Array.from({ length: LATENCY_BUCKETS_MS.length }, () => 0)
  sum = 0
  count = 0
  observe(value: number): void {
    this.sum += value
    this.count++
    const index = LATENCY_BUCKETS_MS.findIndex(bound => value <= bound)
    if (index >= 0)
      this.counts[index]++
  }
}

/** Process-wide counters of the live stream, exposed at /api/v1/metrics. */
export const streamMetrics = {
  openStreams: 0,
  streamsOpened: 0,
  published: new Map<StreamEventType, number>(),
  delivered: new Map<StreamEventType, number>(),
  droppedSlow: 0,
  replayed: 0,
  resets: 0,
  rejectedOverLimit: 0,
  commitToWrite: new Histogram(),
  wakeUps: 0,
  wakeUpsUnstreamed: 0,
}

export function countEvent(map: Map<StreamEventType, number>, type: StreamEventType, amount = 1): void {
  map.set(type, (map.get(type) ?? 0) + amount)
}

/** Renders the metrics in the Prometheus text exposition format. */
export function renderPrometheus(): string {
  const m = streamMetrics
  const lines: string[] = []
  const metric = (...args: Parameters<typeof prometheusLines>) => lines.push(...prometheusLines(...args))
  const byType = (map: Map<StreamEventType, number>): PrometheusSample[] =>
    STREAM_EVENT_TYPES.map(type => [`{type="${type}"}`, map.get(type) ?? 0])
  metric('pulse_stream_open', 'gauge', 'Open event streams.', [['', m.openStreams]])
  metric('pulse_stream_opened_total', 'counter', 'Event streams opened since start.', [['', m.streamsOpened]])
  metric('pulse_events_published_total', 'counter', 'Committed events published to this instance\'s streams.', byType(m.published))
  metric('pulse_events_delivered_total', 'counter', 'Events written to streams (one per stream).', byType(m.delivered))
  metric('pulse_stream_dropped_slow_total', 'counter', 'Streams closed because the client read too slowly.', [['', m.droppedSlow]])
  metric('pulse_events_replayed_total', 'counter', 'Events replayed from the log on resume.', [['', m.replayed]])
  metric('pulse_stream_resets_total', 'counter', 'Resumes answered with a reset.', [['', m.resets]])
  metric('pulse_wakeups_total', 'counter', 'Wake-ups from other instances\' commits (NOTIFY or NATS).', [['', m.wakeUps]])
  metric('pulse_wakeups_unstreamed_total', 'counter', 'Wake-ups for a store this instance does not stream.', [['', m.wakeUpsUnstreamed]])
  metric('pulse_stream_rejected_total', 'counter', 'Streams refused by the per-store limit.', [['', m.rejectedOverLimit]])
  const h = m.commitToWrite
  lines.push('# HELP pulse_commit_to_write_ms Milliseconds from a commit to the write of its event to a stream.', '# TYPE pulse_commit_to_write_ms histogram')
  let cumulative = 0
  LATENCY_BUCKETS_MS.forEach((bound, index) => {
    cumulative += h.counts[index]
    lines.push(`pulse_commit_to_write_ms_bucket{le="${bound}"} ${cumulative}`)
  })
  lines.push(`pulse_commit_to_write_ms_bucket{le="+Inf"} ${h.count}`, `pulse_commit_to_write_ms_sum ${h.sum}`, `pulse_commit_to_write_ms_count ${h.count}`)
  return `${lines.join('\n')}\n`
}
