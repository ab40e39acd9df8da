// The floor for fan-out: a minimal Server-Sent Events broadcaster on raw node:http, with no auth, no
// database and no framework. GET /stream holds a stream; POST /publish sends its body as the `data` of
// one event (with the next id) to every stream, then answers. The fanout benchmark runs it with the same
// clients and payload size as Pulse. Usage: node bench/baseline-sse-server.mjs <port>
import http from 'node:http'

const port = Number(process.argv[2] || 0)
const streams = new Set()
let seq = 0

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
      const frame = Buffer.from(`id: ${seq}\nevent: order_created\ndata: ${Buffer.concat(chunks).toString()}\n\n`)
      for (const stream of streams) stream.write(frame)
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
server.listen(port, '127.0.0.1', () => console.log(`baseline SSE server on http://127.0.0.1:${server.address().port}`))
process.on('SIGTERM', () => process.exit(0))
