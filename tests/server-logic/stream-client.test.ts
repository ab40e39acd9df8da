import type { AddressInfo } from 'node:net'
import http from 'node:http'
import { Writable } from 'node:stream'
import { describe, expect, it, vi } from 'vitest'
import { frame } from '~server/utils/events/sse-frames'
import { StreamClient } from '~server/utils/events/stream-client'

function collect(client: StreamClient): { text: () => string, done: Promise<void> } {
  let text = ''
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      text += chunk
      callback()
    },
  })
  const done = new Promise<void>(resolve => sink.once('finish', resolve))
  client.body.pipe(sink)
  return { text: () => text, done }
}

describe('streamClient', () => {
  it('holds live events during a replay and sends them after it, once each, in order', async () => {
    const closed: StreamClient[] = []
    const client = new StreamClient('store', 'session', 1 << 20, c => closed.push(c))
    const out = collect(client)
    client.startAfter(3)
    client.deliver(5, frame('order_created', '{"seq":5}', 5))
    client.deliver(4, frame('order_created', '{"seq":4}', 4))
    client.deliver(3, frame('order_created', '{"seq":3}', 3)) // already sent by the replay
    expect(out.text()).toBe('')
    client.finishReplay()
    client.deliver(5, frame('order_created', '{"seq":5}', 5)) // a duplicate from another path
    client.deliver(6, frame('order_created', '{"seq":6}', 6))
    client.close('shutdown')
    await out.done
    expect([...out.text().matchAll(/^id: (\d+)$/gm)].map(m => Number(m[1]))).toEqual([4, 5, 6])
    expect(closed).toEqual([client])
  })

  it('keeps a client whose held frames pass the bound while it waits for its replay: the replay reads on to them from the log', async () => {
    const client = new StreamClient('store', 'session', 1000, () => {})
    const out = collect(client)
    client.startAfter(10)
    expect(client.extendReplay(10)).toBe(10)
    // Live events while the replay waits for its slot: more than the bound holds.
    for (let seq = 11; seq <= 45; seq++)
      client.deliver(seq, frame('order_created', JSON.stringify({ seq, pad: 'x'.repeat(50) }), seq))
    expect(client.closed).toBe(false)
    const upTo = client.extendReplay(10)
    expect(upTo).toBeGreaterThan(10)
    expect(upTo).toBeLessThan(45)
    // What the replay sends from the log, then the frames still held.
    for (let seq = 1; seq <= upTo; seq++)
      client.write(frame('order_created', `{"seq":${seq}}`, seq))
    client.finishReplay()
    client.close('shutdown')
    await out.done
    expect([...out.text().matchAll(/^id: (\d+)$/gm)].map(m => Number(m[1]))).toEqual(Array.from({ length: 45 }, (_, i) => i + 1))
  })

  it('drops a client whose queued bytes pass the bound, without blocking the writer', async () => {
    const client = new StreamClient('store', 'session', 1000, () => {})
    client.finishReplay()
    let accepted = 0
    // Nobody reads the body: frames pile up until the bound.
    for (let seq = 1; seq <= 100; seq++) {
      if (client.deliver(seq, frame('order_created', JSON.stringify({ seq, pad: 'x'.repeat(50) }), seq)))
        accepted++
    }
    expect(client.closed).toBe(true)
    expect(client.closeReason).toBe('slow')
    expect(accepted).toBeGreaterThan(0)
    expect(accepted).toBeLessThan(100)
  })

  it('writes frames straight to the socket once the response\'s head is out, as valid chunks, in order, then ends', async () => {
    let responseWrites = 0
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      const write = vi.spyOn(res, 'write')
      const client = new StreamClient('store', 'session', 1 << 20, () => {})
      client.finishReplay()
      client.write(frame('connected', '{}'))
      client.body.pipe(res)
      for (let seq = 1; seq <= 50; seq++) {
        client.deliver(seq, frame('order_created', JSON.stringify({ seq, pad: 'x'.repeat(seq * 7) }), seq))
        if (seq % 7 === 0)
          client.flush()
      }
      client.close('shutdown')
      res.on('finish', () => {
        responseWrites = write.mock.calls.length
      })
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = server.address() as AddressInfo
      // Node's client parses the chunked body strictly: a malformed size line or a missing CRLF fails it.
      const body = await new Promise<string>((resolve, reject) => {
        http.get({ host: '127.0.0.1', port, path: '/' }, (res) => {
          let text = ''
          res.setEncoding('utf8')
          res.on('data', (chunk) => {
            text += chunk
          })
          res.on('end', () => resolve(text))
          res.on('error', reject)
        }).on('error', reject)
      })
      expect(body.startsWith('event: connected\ndata: {}\n\n')).toBe(true)
      expect([...body.matchAll(/^id: (\d+)$/gm)].map(m => Number(m[1]))).toEqual(Array.from({ length: 50 }, (_, i) => i + 1))
      expect(body).toContain(`"pad":"${'x'.repeat(350)}"`)
      // The head went out on its own (flushHeaders); every flush, the first one too, went to the socket.
      expect(responseWrites).toBe(0)
    }
    finally {
      server.close()
    }
  })
})
