import http from 'node:http'
import { now } from './clock.mjs'

const IDLE_SOCKET_MS = 4_000

/**
 * A small JSON client on node:http with a keep-alive agent: cheaper per request than fetch, so a load
 * loop measures the server rather than the client. `sockets` bounds the connections it opens.
 */
export function createClient(baseUrl, { sockets = 8, token } = {}) {
  const url = new URL(baseUrl)
  // Idle sockets are closed before the server's keep-alive timeout (Node's 5 s) would: a POST on a socket
  // the server was closing fails with ECONNRESET and cannot be sent again (a pause between loops lost
  // 15 webhooks of a run that way).
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets, timeout: IDLE_SOCKET_MS })
  const client = {
    token,
    agent,
    /**
     * Sends one request; resolves with status, parsed body (or text), and start/end times (clock.now).
     * A GET that meets a keep-alive socket the server closed meanwhile (ECONNRESET) is sent once more.
     */
    async request(method, path, body, headers = {}) {
      try {
        return await client.send(method, path, body, headers)
      }
      catch (error) {
        if (method !== 'GET' || error.code !== 'ECONNRESET')
          throw error
        return client.send(method, path, body, headers)
      }
    },
    send(method, path, body, headers = {}) {
      const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
      const start = now()
      return new Promise((resolve, reject) => {
        const req = http.request({
          host: url.hostname,
          port: url.port,
          method,
          path,
          agent,
          headers: {
            ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
            ...(client.token ? { authorization: `Bearer ${client.token}` } : {}),
            ...headers,
          },
        }, (res) => {
          const chunks = []
          res.on('data', chunk => chunks.push(chunk))
          res.on('end', () => {
            const end = now()
            const text = Buffer.concat(chunks).toString('utf8')
            let parsed = text
            try {
              parsed = text ? JSON.parse(text) : null
            }
            catch {}
            resolve({ status: res.statusCode, body: parsed, bytes: Buffer.byteLength(text), start, end, ms: end - start })
          })
          res.on('error', reject)
        })
        req.on('error', reject)
        req.end(payload)
      })
    },
    get: (path, headers) => client.request('GET', path, undefined, headers),
    post: (path, body, headers) => client.request('POST', path, body, headers),
    close: () => agent.destroy(),
  }
  return client
}

/** Throws with the response when the status is not the expected one. */
export function expectStatus(response, status, what) {
  if (response.status !== status)
    throw new Error(`${what}: expected ${status}, got ${response.status} ${typeof response.body === 'string' ? response.body : JSON.stringify(response.body)}`)
  return response
}
