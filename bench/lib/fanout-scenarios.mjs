import { now, sleep } from './clock.mjs'
import { cpuSeconds } from './proc.mjs'

/**
 * The ways orders reach a store in the fanout benchmark. Each posts through `target.publish()`, waits
 * until the last event has reached every client (streams deliver in seq order), and returns the posts
 * ({ seq, start, end }) for the load generator to time.
 *
 * - `single`: one order at a time, each after the previous one has reached everyone (a quiet store).
 * - `steady`: `rate` orders a second for `seconds`, sent on a fixed schedule whether or not the previous
 *   ones were answered (tills do not wait for each other).
 * - `burst`: `burst` orders sent at once.
 */
export const SCENARIOS = {
  async single(target, loadGenerator, { orders, pause }) {
    const posts = []
    for (let i = 0; i < orders; i++) {
      const post = await target.publish()
      posts.push(post)
      await loadGenerator.waitFor(post.seq, 20_000)
      await sleep(pause)
    }
    return posts
  },
  async steady(target, loadGenerator, { rate, seconds }) {
    const count = Math.max(1, Math.round(rate * seconds))
    await target.warm(Math.min(count, 50))
    const interval = 1000 / rate
    const started = now()
    const sent = []
    for (let i = 0; i < count; i++) {
      const wait = started + i * interval - now()
      if (wait > 0)
        await sleep(wait)
      sent.push(target.publish())
    }
    return settle(sent, loadGenerator)
  },
  async burst(target, loadGenerator, { burst }) {
    await target.warm(burst)
    return settle(Array.from({ length: burst }, () => target.publish()), loadGenerator)
  },
}

async function settle(sent, loadGenerator) {
  const posts = await Promise.all(sent)
  await loadGenerator.waitFor(Math.max(...posts.map(p => p.seq)), 60_000)
  return posts
}

/** Runs one scenario against a connected target: latency from the send and from the response, CPU. */
export async function runScenario(name, target, loadGenerator, options) {
  const cpuStart = cpuSeconds(target.pid)
  const posts = await SCENARIOS[name](target, loadGenerator, options)
  const cpu = cpuSeconds(target.pid) - cpuStart
  await sleep(options.pause)
  const latency = await loadGenerator.latency(posts)
  return {
    scenario: name,
    orders: posts.length,
    fromSendMs: latency.fromSendMs,
    fromResponseMs: latency.fromResponseMs,
    postMs: summarizePosts(posts),
    delivered: latency.delivered,
    missed: latency.missed,
    closedEarly: latency.closedEarly,
    frameBytes: latency.sampleFrameBytes,
    cpuMsPerOrder: cpu * 1000 / posts.length,
  }
}

function summarizePosts(posts) {
  const ms = posts.map(p => p.end - p.start).sort((a, b) => a - b)
  return { p50: ms[Math.floor(ms.length / 2)], max: ms[ms.length - 1] }
}
