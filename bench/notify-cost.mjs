// notify-cost: what PostgreSQL's NOTIFY costs a cluster, on a fresh database of its own.
// 1. Commits per second of Pulse's write shape (lock the store's row, append one event, bump the store's
//    seq; each writer on a store of its own, so no row lock is shared) with and without
//    `pg_notify('pulse_events', …)` in the transaction, at 1, 8 and 32 concurrent writers, with 4
//    LISTEN connections attached (a cluster of 4). NOTIFY takes one database-wide lock from the
//    notification's queueing until the commit is done, so committing transactions that notify queue
//    one after another.
// 2. Wake-ups per instance: 4 instances and 1,000 stores, each store streamed by `--instances-per-store`
//    of them; commits to random stores. On NOTIFY every instance hears every commit; on NATS (per-store
//    subjects `pulse.store.<id>`, as PULSE_NATS_URL does) an instance hears only the stores it streams.
// 3. For scale: the messages per second one NATS connection carries to one subscriber on this machine
//    (`storeId:seq` on per-store subjects, the subscriber on `pulse.store.>`).
// Usage: node bench/notify-cost.mjs [-- --writers 1,8,32 --seconds 5 --runs 3 --stores 1000 --commits 2000 --messages 200000]
import { connect } from '@nats-io/transport-node'
import pg from 'pg'
import { readOptions } from './lib/args.mjs'
import { now, sleep } from './lib/clock.mjs'
import { withDatabase } from './lib/pg-database.mjs'
import { goal, writeResults } from './lib/results.mjs'
import { median, ratio, round } from './lib/stats.mjs'
import { printTable } from './lib/table.mjs'

const options = readOptions({
  'database-url': { type: 'string', default: process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test' },
  'nats-url': { type: 'string', default: process.env.TEST_NATS_URL || process.env.PULSE_NATS_URL || 'nats://127.0.0.1:4222' },
  'writers': { type: 'list', default: [1, 8, 32], smoke: [1, 4] },
  'seconds': { type: 'number', default: 5, smoke: 0.5 },
  'runs': { type: 'number', default: 3, smoke: 1 },
  'instances': { type: 'number', default: 4 },
  'stores': { type: 'number', default: 1000, smoke: 40 },
  'instances-per-store': { type: 'list', default: [1, 2] },
  'commits': { type: 'number', default: 2000, smoke: 100 },
  'messages': { type: 'number', default: 200_000, smoke: 1000 },
})
const CHANNEL = 'pulse_events'
const PAYLOAD = JSON.stringify({ type: 'order_created', order: { id: 'x'.repeat(26), number: 1, status: 'pending', totalCents: 1350, currency: 'USD' } })

async function createSchema(url, stores) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  await client.query(`create table stores (id text primary key, last_seq bigint not null default 0);
    create table events (store_id text not null, seq bigint not null, type text not null, payload text not null, created_at timestamptz not null default now(), primary key (store_id, seq))`)
  await client.query(`insert into stores (id) select 'store-' || i from generate_series(0, $1 - 1) as i`, [stores])
  await client.end()
}

async function openClients(url, count, name) {
  return Promise.all(Array.from({ length: count }, async (_, i) => {
    const client = new pg.Client({ connectionString: url, application_name: `${name}-${i}` })
    await client.connect()
    return client
  }))
}

/** One write as Pulse's store write does it, on its own store; with `notify`, the notification inside. */
async function commitOnce(client, storeId, notify) {
  await client.query('begin')
  const { rows } = await client.query('update stores set last_seq = last_seq + 1 where id = $1 returning last_seq', [storeId])
  const seq = rows[0].last_seq
  await client.query('insert into events (store_id, seq, type, payload) values ($1, $2, $3, $4)', [storeId, seq, 'order_created', PAYLOAD])
  if (notify)
    await client.query('select pg_notify($1, $2)', [CHANNEL, `${storeId}:${seq}:bench`])
  await client.query('commit')
  return Number(seq)
}

/** Commits per second of `writers` connections in a closed loop for `seconds`. */
async function commitRate(writers, notify, seconds) {
  let commits = 0
  const started = now()
  const deadline = started + seconds * 1000
  await Promise.all(writers.map(async (client, i) => {
    while (now() < deadline) {
      await commitOnce(client, `store-${i}`, notify)
      commits++
    }
  }))
  return commits / ((now() - started) / 1000)
}

async function measureCommits(url) {
  const maxWriters = Math.max(...options.writers)
  const pool = await openClients(url, maxWriters, 'notify-cost-writer')
  const listeners = await openClients(url, options.instances, 'notify-cost-listener')
  let heard = 0
  for (const listener of listeners) {
    listener.on('notification', () => heard++)
    await listener.query(`listen ${CHANNEL}`)
  }
  try {
    const rows = []
    for (const count of options.writers) {
      const writers = pool.slice(0, count)
      await commitRate(writers, false, Math.min(1, options.seconds))
      const without = []
      const withNotify = []
      for (let run = 0; run < options.runs; run++) {
        // Alternate the order so that a machine that slows down favours neither.
        if (run % 2 === 0) {
          without.push(await commitRate(writers, false, options.seconds))
          withNotify.push(await commitRate(writers, true, options.seconds))
        }
        else {
          withNotify.push(await commitRate(writers, true, options.seconds))
          without.push(await commitRate(writers, false, options.seconds))
        }
        console.log(`[commits] ${count} writers, run ${run + 1}: ${round(without.at(-1))}/s without, ${round(withNotify.at(-1))}/s with pg_notify`)
      }
      rows.push({ writers: count, withoutNotify: median(without), withNotify: median(withNotify), ratio: ratio(median(withNotify), median(without)), runsWithout: without.map(v => round(v)), runsWith: withNotify.map(v => round(v)) })
    }
    await sleep(200)
    return { rows, notificationsHeard: heard }
  }
  finally {
    await Promise.all([...pool, ...listeners].map(c => c.end().catch(() => {})))
  }
}

/** Which instances stream store `s` when each store is streamed by `perStore` of them. */
function instancesOf(s, perStore) {
  return Array.from({ length: Math.min(perStore, options.instances) }, (_, j) => (s + j) % options.instances)
}

async function measureWakeUps(url, perStore) {
  const listeners = await openClients(url, options.instances, 'notify-cost-instance')
  const writers = await openClients(url, 8, 'notify-cost-writer')
  const instances = listeners.map((listener, index) => ({ index, listener, notify: 0, notifyUseful: 0, nats: 0, streams: new Set(), connection: null }))
  for (let s = 0; s < options.stores; s++) {
    for (const i of instancesOf(s, perStore)) instances[i].streams.add(`store-${s}`)
  }
  let natsAvailable = true
  let publisher
  try {
    publisher = await connect({ servers: options.natsUrl, name: 'notify-cost-publisher' })
    for (const instance of instances) {
      instance.connection = await connect({ servers: options.natsUrl, name: `notify-cost-instance-${instance.index}` })
      for (const storeId of instance.streams) instance.connection.subscribe(`pulse.store.${storeId}`, { callback: () => instance.nats++ })
      await instance.connection.flush()
    }
  }
  catch (error) {
    console.error(`[wake-ups] NATS at ${options.natsUrl} unavailable (${error.message}): NOTIFY only`)
    natsAvailable = false
  }
  for (const instance of instances) {
    instance.listener.on('notification', (message) => {
      instance.notify++
      if (instance.streams.has(message.payload.split(':')[0]))
        instance.notifyUseful++
    })
    await instance.listener.query(`listen ${CHANNEL}`)
  }
  try {
    let issued = 0
    const started = now()
    await Promise.all(writers.map(async (client) => {
      while (issued < options.commits) {
        issued++
        const storeId = `store-${Math.floor(Math.random() * options.stores)}`
        const seq = await commitOnce(client, storeId, true)
        publisher?.publish(`pulse.store.${storeId}`, `${storeId}:${seq}`)
      }
    }))
    const seconds = (now() - started) / 1000
    await publisher?.flush()
    await sleep(500)
    return {
      instancesPerStore: perStore,
      commits: options.commits,
      commitsPerSecond: options.commits / seconds,
      nats: natsAvailable,
      perInstance: instances.map(i => ({
        instance: i.index,
        storesStreamed: i.streams.size,
        notifyWakeUps: i.notify,
        notifyWakeUpsForStreamedStores: i.notifyUseful,
        natsWakeUps: natsAvailable ? i.nats : null,
      })),
    }
  }
  finally {
    await Promise.all([...listeners, ...writers].map(c => c.end().catch(() => {})))
    await Promise.all(instances.map(i => i.connection?.close()))
    await publisher?.close()
  }
}

/** Messages per second from one publisher connection to one subscriber connection, or null without NATS. */
async function measureNatsThroughput() {
  let publisher
  let subscriber
  try {
    publisher = await connect({ servers: options.natsUrl, name: 'notify-cost-throughput-pub' })
    subscriber = await connect({ servers: options.natsUrl, name: 'notify-cost-throughput-sub' })
  }
  catch {
    await publisher?.close()
    return null
  }
  try {
    let received = 0
    let done
    const all = new Promise((resolve) => {
      done = resolve
    })
    subscriber.subscribe('pulse.store.>', { callback: () => {
      if (++received === options.messages)
        done()
    } })
    await subscriber.flush()
    const started = now()
    for (let i = 0; i < options.messages; i++) publisher.publish(`pulse.store.store-${i % options.stores}`, `store-${i % options.stores}:${i}`)
    await publisher.flush()
    await Promise.race([all, sleep(30_000)])
    const seconds = (now() - started) / 1000
    return { messages: options.messages, received, seconds, perSecond: received / seconds }
  }
  finally {
    await publisher.close()
    await subscriber.close()
  }
}

async function main() {
  const started = now()
  const results = await withDatabase(options.databaseUrl, async (url) => {
    await createSchema(url, Math.max(options.stores, Math.max(...options.writers)))
    const commits = await measureCommits(url)
    const wakeUps = []
    for (const perStore of options.instancesPerStore) wakeUps.push(await measureWakeUps(url, perStore))
    return { commits, wakeUps, natsThroughput: await measureNatsThroughput() }
  })
  printTable(`notify-cost: commits/s of the store write (own store per writer, ${options.instances} LISTEN connections), median of ${options.runs} run(s) of ${options.seconds} s`, results.commits.rows.map(r => ({
    'writers': r.writers,
    'without pg_notify': r.withoutNotify,
    'with pg_notify': r.withNotify,
    'with / without': r.ratio,
    'runs without': r.runsWithout.join(', '),
    'runs with': r.runsWith.join(', '),
  })))
  for (const w of results.wakeUps) {
    printTable(`notify-cost: wake-ups per instance, ${options.instances} instances, ${options.stores} stores each streamed by ${w.instancesPerStore} instance(s), ${w.commits} commits to random stores (${round(w.commitsPerSecond)}/s)`, w.perInstance.map(i => ({
      'instance': i.instance,
      'stores streamed': i.storesStreamed,
      'NOTIFY wake-ups': i.notifyWakeUps,
      'of which for its stores': i.notifyWakeUpsForStreamedStores,
      'NOTIFY per commit': i.notifyWakeUps / w.commits,
      'NATS wake-ups': i.natsWakeUps,
      'NATS per commit': i.natsWakeUps === null ? null : i.natsWakeUps / w.commits,
    })))
  }
  if (results.natsThroughput)
    console.log(`\nNATS: ${results.natsThroughput.received}/${results.natsThroughput.messages} messages in ${round(results.natsThroughput.seconds)} s, ${Math.round(results.natsThroughput.perSecond)}/s from one connection to one subscriber`)
  const worst = results.commits.rows.reduce((min, r) => Math.min(min, r.ratio ?? 1), 1)
  const natsOk = results.wakeUps.every(w => !w.nats || w.perInstance.every(i => i.natsWakeUps === i.notifyWakeUpsForStreamedStores))
  writeResults('notify-cost', {
    out: options.out,
    options: { ...options, databaseUrl: '(admin URL given)' },
    results: { ...results, seconds: (now() - started) / 1000 },
    goals: [
      goal('commits/s with pg_notify / without, worst writer count (reported)', worst, null),
      goal('NATS wakes each instance exactly for the commits of the stores it streams', natsOk, results.wakeUps.some(w => w.nats) ? natsOk : null),
    ],
    notes: ['The write: begin; update stores … returning; insert into events; [select pg_notify]; commit — synchronous_commit as the server has it.'],
  })
}

main().then(() => process.exit(0), (error) => {
  console.error(error)
  process.exit(1)
})
