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
  return { count: latencies.length, seconds, perSecond: latencies.length / seconds, latencyMs: summarize(latencies), latencies, errors, stoppedByTime: issued < total }
}

/**
 * Runs several loops over the same `total` items in `rounds` slices, each round every side on its next
 * slice, the order of the sides turned by one each round: on a machine whose speed drifts (or whose
 * stream clients fall behind and reconnect in bursts) no side gets a better stretch of time than the
 * other. `sides`: { name, okStatus?, request(i) }; `measure()` (optional) is read before and after
 * each slice, its differences summed per side (server CPU seconds). Returns per side name what
 * `runLoop` does, over every slice, plus `measured`.
 */
export async function runAlternately({ concurrency, total, rounds, maxSeconds = 120, sides, measure }) {
  const parts = Object.fromEntries(sides.map(side => [side.name, { count: 0, seconds: 0, latencies: [], errors: {}, measured: 0, stoppedByTime: false }]))
  const size = Math.ceil(total / rounds)
  for (let round = 0; round < rounds; round++) {
    const start = round * size
    const count = Math.min(size, total - start)
    if (count <= 0)
      break
    for (let k = 0; k < sides.length; k++) {
      const side = sides[(round + k) % sides.length]
      const before = measure?.()
      const loop = await runLoop({ concurrency, total: count, maxSeconds: maxSeconds / rounds, okStatus: side.okStatus, request: i => side.request(start + i) })
      const part = parts[side.name]
      if (measure)
        part.measured += measure() - before
      part.count += loop.count
      part.seconds += loop.seconds
      part.latencies.push(...loop.latencies)
      part.stoppedByTime ||= loop.stoppedByTime
      for (const [status, n] of Object.entries(loop.errors)) part.errors[status] = (part.errors[status] ?? 0) + n
    }
  }
  return Object.fromEntries(Object.entries(parts).map(([name, part]) => [name, { ...part, perSecond: part.count / part.seconds, latencyMs: summarize(part.latencies), latencies: undefined }]))
}
