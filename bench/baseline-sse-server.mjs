// The floor for fan-out: a minimal Server-Sent Events broadcaster on raw node:http, with no auth, no
// database and no framework. GET /stream holds a stream; POST /publish sends its body as the `data` of
// one event (with the next id) to every stream, then answers. The fanout benchmark runs it with the same
// clients and payload size as Pulse.
// Two modes: `raw` writes every event to every stream at once (one write per client per event); `joined`
// writes at the end of the event loop's turn, the frames of that turn joined into one write per client
// (what a plain broadcaster can do without holding frames back: the floor under bursts).
// Usage: node bench/baseline-sse-server.mjs <port> [raw|joined]
import http from 'node:http'

const port = Number(process.argv[2] || 0)
const joined = process.argv[3] === 'joined'
const streams = new Set()
let seq = 0
let queued = []

function flush() {
  const chunk = queued.length === 1 ? queued[0] : Buffer.concat(queued)
  queued = []
  for (const stream of streams) stream.write(chunk)
}

function broadcast(frame) {
  if (!joined) {
    for (const stream of streams) stream.write(frame)
    return
  }
  if (queued.length === 0)
    setImmediate(flush)
  queued.push(frame)
}

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/stream') {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' })
    res.write('retry: 5000\n\nevent: connected\ndata: {}\n\n')
    streams.add(res)
    res.on('close', () => streams.delete(res))
  }
  else if (req.method === 'POST' && req.url === '/publish') {
    const chunks = []
    req.on('data', chunk => chunks.push(chunk))
    req.on('end', () => {
      seq++
      // Serialised once, written to every stream as the same Buffer.
      broadcast(Buffer.from(`id: ${seq}\nevent: order_created\ndata: ${Buffer.concat(chunks).toString()}\n\n`))
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ seq, streams: streams.size }))
    })
  }
  else if (req.url === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')
  }
  else {
    res.writeHead(404).end()
  }
})
server.keepAliveTimeout = 60_000
server.listen(port, '127.0.0.1', () => console.log(`baseline SSE server (${joined ? 'joined' : 'raw'}) on http://127.0.0.1:${server.address().port}`))
process.on('SIGTERM', () => process.exit(0))
