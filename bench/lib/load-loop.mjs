import { now } from './clock.mjs'
import { summarize } from './stats.mjs'

/**
 * Runs `request(i)` for i = 0..total-1 with `concurrency` in flight (each worker awaits its response
 * before the next), stopping early after `maxSeconds`. `request` resolves with { status, ms }.
 * Returns the throughput, the latency distribution and the statuses that were not `okStatus`.
 */
export async function runLoop({ concurrency, total, maxSeconds = 120, okStatus = 200, request }) {
  const latencies = []
  const errors = {}
  let issued = 0
  const started = now()
  const deadline = started + maxSeconds * 1000
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (issued < total && now() < deadline) {
      const i = issued++
      try {
        const response = await request(i)
        latencies.push(response.ms)
        if (response.status !== okStatus)
          errors[response.status] = (errors[response.status] ?? 0) + 1
      }
      catch (error) {
        errors[error.code ?? 'error'] = (errors[error.code ?? 'error'] ?? 0) + 1
      }
    }
  }))
  const seconds = (now() - started) / 1000
  return { count: latencies.length, seconds, perSecond: latencies.length / seconds, latencyMs: summarize(latencies), errors, stoppedByTime: issued < total }
}
