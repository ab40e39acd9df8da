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
 * The order of `n` sides in round `round`, from a Williams design: over the rounds every side runs in
 * every position, and follows every other side equally often. A plain rotation keeps the cyclic order
 * (a, b, c, d → b, c, d, a → …), so each side always follows the same neighbour and inherits what that
 * neighbour leaves behind (a backlog of stream clients to catch up): in bench:webhooks the webhooks
 * always followed the heaviest loop. For an even `n` one square of n rounds balances; for an odd one
 * the next n rounds run the same rows reversed.
 */
export function balancedOrder(n, round) {
  const first = [0]
  for (let low = 1, high = n - 1; first.length < n;) first.push(first.length % 2 ? low++ : high--)
  const row = first.map(side => (side + round) % n)
  return n % 2 === 1 && Math.floor(round / n) % 2 === 1 ? row.reverse() : row
}

/**
 * Runs several loops over the same `total` items in `rounds` slices, each round every side on its next
 * slice, in the order of balancedOrder: on a machine whose speed drifts (or whose stream clients fall
 * behind and reconnect in bursts) no side gets a better stretch of time than the others, nor always
 * follows the same one. `sides`: { name, okStatus?, request(i) }; `measure()` (optional) gives named
 * counters ({ server: CPU seconds, … }), read before and after each slice, their differences summed per
 * side. Returns per side name what `runLoop` does, over every slice, plus `measured` (those sums).
 * `settle()` (optional) is awaited before each slice, outside its time and its measure: what one side
 * left behind (stream clients still catching up) is then not charged to the next.
 */
export async function runAlternately({ concurrency, total, rounds, maxSeconds = 120, sides, measure, settle }) {
  const parts = Object.fromEntries(sides.map(side => [side.name, { count: 0, seconds: 0, latencies: [], errors: {}, measured: {}, stoppedByTime: false }]))
  const size = Math.ceil(total / rounds)
  for (let round = 0; round < rounds; round++) {
    const start = round * size
    const count = Math.min(size, total - start)
    if (count <= 0)
      break
    for (const index of balancedOrder(sides.length, round)) {
      const side = sides[index]
      await settle?.()
      const before = measure?.()
      const loop = await runLoop({ concurrency, total: count, maxSeconds: maxSeconds / rounds, okStatus: side.okStatus, request: i => side.request(start + i) })
      const part = parts[side.name]
      if (measure) {
        const after = measure()
        for (const [name, value] of Object.entries(after)) part.measured[name] = (part.measured[name] ?? 0) + value - before[name]
      }
      part.count += loop.count
      part.seconds += loop.seconds
      part.latencies.push(...loop.latencies)
      part.stoppedByTime ||= loop.stoppedByTime
      for (const [status, n] of Object.entries(loop.errors)) part.errors[status] = (part.errors[status] ?? 0) + n
    }
  }
  return Object.fromEntries(Object.entries(parts).map(([name, part]) => [name, { ...part, perSecond: part.count / part.seconds, latencyMs: summarize(part.latencies), latencies: undefined }]))
}
