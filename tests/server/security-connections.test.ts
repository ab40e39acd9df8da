import type { Socket } from 'node:net'
import { request } from 'node:http'
import { connect } from 'node:net'
import { afterEach, expect, it } from 'vitest'
import { describeWithServer } from '../helpers/test-server'
import { waitUntil } from '../helpers/wait'

const MAX_PER_ADDRESS = 12
const opened: Socket[] = []

/** A raw connection to the server from `localAddress` (any of 127/8 reaches 127.0.0.1 on Linux). */
async function openSocket(port: number, localAddress = '127.0.0.1'): Promise<Socket & { closedAt?: number }> {
  const socket = connect({ port, host: '127.0.0.1', localAddress })
  socket.on('error', () => {})
  socket.resume()
  opened.push(socket)
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject))
  return socket
}

const isClosed = (socket: Socket) => socket.destroyed || socket.readableEnded

/** GET /api/health on a connection of its own from `localAddress`. */
function health(port: number, localAddress = '127.0.0.1'): Promise<{ status: number, body: any }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/api/health', localAddress, agent: false }, (res) => {
      let text = ''
      res.setEncoding('utf8').on('data', (chunk) => {
        text += chunk
      }).on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null }))
    })
    req.on('error', reject).end()
  })
}

afterEach(() => {
  for (const socket of opened.splice(0)) socket.destroy()
})

describeWithServer('connections', (ctx) => {
  it('closes a connection that never sends a byte, not one that is sending a request', async () => {
    const silent = await openSocket(ctx.server.port)
    const sending = await openSocket(ctx.server.port)
    // An unfinished request head: from its first byte Node's header timeout (30 s here) applies instead.
    sending.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n')
    await waitUntil(() => isClosed(silent), 'the server to close the silent connection')
    expect(isClosed(sending)).toBe(false)
    sending.write('\r\n')
    const answer = await new Promise<string>(resolve => sending.once('data', chunk => resolve(String(chunk))))
    expect(answer).toMatch(/^HTTP\/1\.1 200/)
  })

  it('answers 503 past the cap of open connections per address, and still serves other addresses', async () => {
    // An address of its own, so that no connection of another test still counts.
    const address = '127.0.0.3'
    const held = await Promise.all(Array.from({ length: MAX_PER_ADDRESS }, () => openSocket(ctx.server.port, address)))
    // Each holds an unfinished request: it stays open, counted, past the first-byte timeout.
    for (const socket of held) socket.write('GET /api/health HTTP/1.1\r\n')
    const refused = await health(ctx.server.port, address)
    expect(refused).toEqual({ status: 503, body: { error: 'too_many_connections', message: expect.any(String) } })
    expect(await health(ctx.server.port, '127.0.0.2')).toMatchObject({ status: 200 })
    expect(held.some(isClosed)).toBe(false)
    // Once they close, the address is served again.
    for (const socket of held) socket.destroy()
    await waitUntil(async () => (await health(ctx.server.port, address)).status === 200, 'the address to be served again')
  })
}, { env: { PULSE_FIRST_BYTE_TIMEOUT_MS: '500', PULSE_MAX_CONNECTIONS_PER_ADDRESS: String(MAX_PER_ADDRESS) } })
