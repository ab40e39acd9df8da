// A load generator for Server-Sent Events, run as a child process (bench/lib/sse-clients.mjs starts it):
// holds many raw node:http streams to one server and notes, per stream, when each `id: <seq>` line
// arrives. Parsing is minimal on purpose (find `id:` lines, and `event: connected` once) so that the
// generator costs little next to the server it measures. Times are clock.now() (performance.timeOrigin +
// performance.now()), comparable with the parent's. It speaks to its parent over IPC only.
import http from 'node:http'
import { now } from './clock.mjs'
import { summarize } from './stats.mjs'

const clients = []
let record = false
const received = new Map() // seq -> { times: Float64Array per client (NaN until received), count }
let waiters = []
let sampleFrameBytes = 0
/** Set by `close`: streams that end now are not reopened. */
let closing = false
// What EventSource waits before reconnecting when the server sent no `retry:` (the HTML standard leaves it to the browser; Chromium's is 3 s).
const DEFAULT_RETRY_MS = 3000

function seqEntry(seq) {
  let entry = received.get(seq)
  if (!entry) {
    entry = { times: record ? new Float64Array(clients.length).fill(Number.NaN) : null, count: 0 }
    received.set(seq, entry)
  }
  return entry
}

function onId(client, seq, t) {
  if (client.lastSeq !== 0 && seq !== client.lastSeq + 1) {
    if (seq <= client.lastSeq)
      client.duplicates++
    else
      client.gaps++
  }
  if (seq > client.lastSeq) {
    client.lastSeq = seq
    if (client.firstSeq === 0)
      client.firstSeq = seq
    client.count++
    const entry = seqEntry(seq)
    entry.count++
    if (entry.times)
      entry.times[client.index] = t
    if (waiters.length > 0)
      checkWaiters()
  }
}

const NEWLINE = 0x0A
const ID = Buffer.from('id: ')
const RETRY = Buffer.from('retry: ')
const CONNECTED = Buffer.from('event: connected')

function startsWithAt(buffer, pos, prefix) {
  if (pos + prefix.length > buffer.length)
    return false
  for (let i = 0; i < prefix.length; i++) {
    if (buffer[pos + i] !== prefix[i])
      return false
  }
  return true
}

/** The decimal number in buffer[from, to): ASCII digits only, as the server writes seqs and retry. */
function readDecimal(buffer, from, to) {
  let value = 0
  for (let i = from; i < to; i++) value = value * 10 + (buffer[i] - 0x30)
  return value
}

// Lines are found in the Buffer as it came (memchr for each newline, a byte compare for each line's
// start): decoding every chunk to a string cost the generator as much CPU as the frames' bytes, which on
// a 2-core machine it takes from the server it measures.
function onData(client, chunk) {
  const t = now()
  client.bytes += chunk.length
  const buffer = client.carry ? Buffer.concat([client.carry, chunk]) : chunk
  let pos = 0
  for (;;) {
    const newline = buffer.indexOf(NEWLINE, pos)
    if (newline < 0)
      break
    if (startsWithAt(buffer, pos, ID)) {
      if (client.index === 0 && sampleFrameBytes === 0)
        sampleFrameBytes = chunk.length
      onId(client, readDecimal(buffer, pos + ID.length, newline), t)
    }
    else if (startsWithAt(buffer, pos, RETRY)) {
      client.retryMs = readDecimal(buffer, pos + RETRY.length, newline)
    }
    else if (!client.connected && startsWithAt(buffer, pos, CONNECTED)) {
      client.connected = true
      client.onConnected?.()
    }
    pos = newline + 1
  }
  // A copy: a view would keep the whole socket chunk alive for the sake of its last partial line.
  client.carry = pos < buffer.length ? Buffer.from(buffer.subarray(pos)) : null
}

function open(target, client) {
  return new Promise((resolve) => {
    let settled = false
    let timer
    const settle = (outcome) => {
      if (!settled) {
        settled = true
        clearTimeout(timer)
        resolve(outcome)
      }
    }
    client.onConnected = () => settle('connected')
    const req = http.request({ host: target.host, port: target.port, path: target.path, headers: { accept: 'text/event-stream', ...target.headers }, agent: false }, (res) => {
      client.status = res.statusCode
      client.res = res
      if (res.statusCode !== 200) {
        res.resume()
        res.on('end', () => settle(`status ${res.statusCode}`))
        return
      }
      res.on('data', chunk => onData(client, chunk))
      res.on('close', () => {
        if (client.closed)
          return
        // As EventSource does: after `retry` ms, the same request with Last-Event-ID (a server that
        // dropped a slow client expects it back, resuming from its last seq).
        if (target.reconnect && client.connected && !closing) {
          client.reconnects++
          client.carry = null
          setTimeout(() => {
            if (!closing)
              void open({ ...target, headers: { ...target.headers, 'last-event-id': String(client.lastSeq) } }, client)
          }, client.retryMs ?? DEFAULT_RETRY_MS).unref()
          return
        }
        client.closed = true
        settle('closed')
      })
    })
    req.on('error', (error) => {
      client.closed = true
      settle(`error ${error.code ?? error.message}`)
    })
    client.req = req
    // A reconnect has no one waiting for it: only a first connect times out.
    if (!client.connected) {
      timer = setTimeout(() => {
        req.destroy()
        settle('timeout')
      }, target.timeoutMs ?? 60_000)
    }
    req.end()
  })
}

async function connect(message) {
  const started = now()
  const { clients: count, concurrency = 200 } = message
  record = !!message.record
  // A second connect (to another server) adds clients after those of the first.
  const added = []
  for (let i = 0; i < count; i++) {
    const client = { index: clients.length, connected: false, closed: false, carry: null, bytes: 0, count: 0, firstSeq: 0, lastSeq: 0, gaps: 0, duplicates: 0, reconnects: 0, retryMs: undefined }
    clients.push(client)
    added.push(client)
  }
  const outcomes = {}
  let next = 0
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count) {
      const client = added[next++]
      const outcome = await open(message, client)
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1
    }
  }))
  return { type: 'connected', ms: now() - started, connected: outcomes.connected ?? 0, outcomes }
}

function liveClients() {
  let live = 0
  for (const client of clients) {
    if (client.connected && !client.closed)
      live++
  }
  return live
}

function checkWaiters() {
  const remaining = []
  for (const waiter of waiters) {
    const entry = received.get(waiter.seq)
    if (entry && entry.count >= waiter.target)
      waiter.done()
    else
      remaining.push(waiter)
  }
  waiters = remaining
}

/** Resolves when `seq` has reached every live client, or after timeoutMs. */
function waitFor(seq, timeoutMs) {
  const started = now()
  const target = liveClients()
  return new Promise((resolve) => {
    let timer
    const finish = () => {
      clearTimeout(timer)
      resolve({ type: 'waited', seq, have: received.get(seq)?.count ?? 0, target, ms: now() - started })
    }
    timer = setTimeout(() => {
      waiters = waiters.filter(w => w.done !== finish)
      finish()
    }, timeoutMs)
    waiters.push({ seq, target, done: finish })
    checkWaiters()
  })
}

function report(message) {
  const { fromSeq = 0, toSeq = 0 } = message
  const expected = toSeq - fromSeq
  const perClient = clients.filter(c => c.connected).map(c => c.count)
  let complete = 0
  let withGaps = 0
  let withDuplicates = 0
  for (const client of clients) {
    if (!client.connected)
      continue
    if (client.gaps > 0)
      withGaps++
    if (client.duplicates > 0)
      withDuplicates++
    if (client.firstSeq === fromSeq + 1 && client.lastSeq === toSeq && client.count === expected && client.gaps === 0 && client.duplicates === 0)
      complete++
  }
  const times = {}
  if (record) {
    for (const [seq, entry] of received) times[seq] = Array.from(entry.times)
  }
  return {
    type: 'report',
    clients: clients.length,
    connected: perClient.length,
    closedEarly: clients.filter(c => c.connected && c.closed).length,
    reconnects: clients.reduce((sum, c) => sum + c.reconnects, 0),
    expectedPerClient: expected,
    complete,
    withGaps,
    withDuplicates,
    minCount: perClient.length ? Math.min(...perClient) : 0,
    maxCount: perClient.length ? Math.max(...perClient) : 0,
    sampleFrameBytes,
    bytesPerClient: clients.length ? clients.reduce((sum, c) => sum + c.bytes, 0) / clients.length : 0,
    times,
  }
}

/**
 * Delays of the events of `posts` ({ seq, start, end } each: when the POST was sent and when its response
 * came) at every connected client: receipt − send and receipt − response, and the receipts missing.
 * Forgets those events afterwards, so that a long run holds only the times it has not reported yet.
 */
function latency(message) {
  const connected = clients.filter(c => c.connected)
  const fromSend = new Float64Array(message.posts.length * connected.length)
  const fromResponse = new Float64Array(fromSend.length)
  let count = 0
  let missed = 0
  for (const post of message.posts) {
    const times = received.get(post.seq)?.times
    received.delete(post.seq)
    for (const client of connected) {
      const t = times ? times[client.index] : Number.NaN
      if (Number.isNaN(t)) {
        missed++
        continue
      }
      fromSend[count] = t - post.start
      fromResponse[count] = t - post.end
      count++
    }
  }
  return { type: 'latency', fromSendMs: summarize(fromSend.subarray(0, count)), fromResponseMs: summarize(fromResponse.subarray(0, count)), delivered: count, missed, closedEarly: connected.filter(c => c.closed).length, sampleFrameBytes }
}

process.on('message', async (message) => {
  if (message.type === 'connect') {
    process.send(await connect(message))
  }
  else if (message.type === 'wait') {
    process.send(await waitFor(message.seq, message.timeoutMs ?? 10_000))
  }
  else if (message.type === 'latency') {
    process.send(latency(message))
  }
  else if (message.type === 'report') {
    process.send(report(message))
  }
  else if (message.type === 'close') {
    closing = true
    for (const client of clients) client.req?.destroy()
    process.disconnect()
    setTimeout(() => process.exit(0), 50).unref()
  }
})
process.on('disconnect', () => process.exit(0))
process.send({ type: 'ready' })
