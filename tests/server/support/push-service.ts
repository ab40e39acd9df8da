import type { ECDH } from 'node:crypto'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { createECDH, createPublicKey, randomBytes, verify } from 'node:crypto'
import { createServer } from 'node:http'
// @ts-expect-error http_ece (a dependency of web-push) ships no types
import ece from 'http_ece'

/** A browser's side of a subscription: the P-256 key pair and auth secret it makes, and its endpoint. */
export interface Device {
  name: string
  endpoint: string
  keys: { p256dh: string, auth: string }
  ecdh: ECDH
}

export interface ReceivedPush {
  device: string
  at: number
  payload: any
  ttl: number
  urgency: string | null
  topic: string | null
  jwt: { aud: string, exp: number, sub: string }
}

type Reply = { status: number, headers?: Record<string, string> } | 'hold'

const b64u = (buffer: Buffer) => buffer.toString('base64url')

function verifyVapid(authorization: string | undefined, expectedKey: string, origin: string): ReceivedPush['jwt'] {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+),\s*k=([\w-]+)$/.exec(authorization ?? '')
  if (!match)
    throw new Error(`bad Authorization header: ${authorization}`)
  const [, token, key] = match
  if (key !== expectedKey)
    throw new Error('VAPID k is not the server\'s public key')
  const [header, claims, signature] = token.split('.')
  const head = JSON.parse(Buffer.from(header, 'base64url').toString())
  if (head.alg !== 'ES256')
    throw new Error(`JWT alg ${head.alg}`)
  const point = Buffer.from(key, 'base64url')
  const publicKey = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: b64u(point.subarray(1, 33)), y: b64u(point.subarray(33, 65)) }, format: 'jwk' })
  if (!verify('sha256', Buffer.from(`${header}.${claims}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url')))
    throw new Error('JWT signature does not verify')
  const body = JSON.parse(Buffer.from(claims, 'base64url').toString())
  const now = Date.now() / 1000
  if (body.aud !== origin)
    throw new Error(`JWT aud ${body.aud} is not ${origin}`)
  if (!(body.exp > now && body.exp <= now + 24 * 3600 + 5))
    throw new Error(`JWT exp ${body.exp} is not within 24 h`)
  if (!/^(?:mailto:|https:)/.test(body.sub))
    throw new Error(`JWT sub ${body.sub}`)
  return body
}

/**
 * A push service for tests (RFC 8030 receiving side): checks the VAPID JWT (RFC 8292) against the
 * server's public key, decrypts the aes128gcm body (RFC 8291) with the device's private key, records
 * it, and answers as scripted per device (201 by default).
 */
export class PushService {
  readonly received: ReceivedPush[] = []
  readonly errors: string[] = []
  /** Every request, also those answered with an error status (for retry timing). */
  readonly attempts: Array<{ device: string, at: number, status: number | 'held' }> = []
  private readonly devices = new Map<string, Device>()
  private readonly script = new Map<string, Reply[]>()
  private readonly held: ServerResponse[] = []
  private publicKey = ''
  private constructor(private readonly server: Server, readonly origin: string) {}

  static async start(): Promise<PushService> {
    const server = createServer()
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as { port: number }
    const service = new PushService(server, `http://127.0.0.1:${port}`)
    server.on('request', (req, res) => void service.handle(req, res))
    return service
  }

  /** The server's VAPID public key, that every JWT must be signed with. */
  expectKey(publicKey: string): void {
    this.publicKey = publicKey
  }

  /** A new device, as a browser's PushManager.subscribe() would make it. */
  device(name = `d${this.devices.size}-${randomBytes(3).toString('hex')}`): Device {
    const ecdh = createECDH('prime256v1')
    ecdh.generateKeys()
    const device: Device = { name, endpoint: `${this.origin}/push/${name}`, keys: { p256dh: b64u(ecdh.getPublicKey()), auth: b64u(randomBytes(16)) }, ecdh }
    this.devices.set(name, device)
    return device
  }

  /** The next replies to a device's pushes, in order ('hold' never answers); then 201 again. */
  reply(device: Device, ...replies: Reply[]): void {
    this.script.set(device.name, [...(this.script.get(device.name) ?? []), ...replies])
  }

  pushesTo(device: Device): ReceivedPush[] {
    return this.received.filter(push => push.device === device.name)
  }

  /** Answers every held request with 201 (their pushes are not recorded: they were cut off). */
  releaseHeld(): void {
    for (const res of this.held.splice(0)) {
      try {
        res.writeHead(201).end()
      }
      catch {}
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const name = decodeURIComponent((req.url ?? '').replace(/^\/push\//, ''))
    const device = this.devices.get(name)
    const reply = this.script.get(name)?.shift()
    const at = Date.now()
    if (!device || req.method !== 'POST') {
      this.attempts.push({ device: name, at, status: 404 })
      return void res.writeHead(404).end()
    }
    if (reply === 'hold') {
      this.attempts.push({ device: name, at, status: 'held' })
      this.held.push(res)
      return
    }
    if (reply && (reply.status < 200 || reply.status >= 300)) {
      this.attempts.push({ device: name, at, status: reply.status })
      return void res.writeHead(reply.status, reply.headers).end()
    }
    try {
      const jwt = verifyVapid(req.headers.authorization, this.publicKey, this.origin)
      if (req.headers['content-encoding'] !== 'aes128gcm')
        throw new Error(`Content-Encoding ${req.headers['content-encoding']}`)
      const plain: Buffer = ece.decrypt(Buffer.concat(chunks), { version: 'aes128gcm', privateKey: device.ecdh, authSecret: device.keys.auth })
      this.received.push({
        device: name,
        at,
        payload: JSON.parse(plain.toString('utf8')),
        ttl: Number(req.headers.ttl),
        urgency: (req.headers.urgency as string) ?? null,
        topic: (req.headers.topic as string) ?? null,
        jwt,
      })
      this.attempts.push({ device: name, at, status: 201 })
      res.writeHead(201).end()
    }
    catch (error) {
      this.errors.push(`${name}: ${(error as Error).message}`)
      this.attempts.push({ device: name, at, status: 400 })
      res.writeHead(400).end()
    }
  }

  async close(): Promise<void> {
    this.releaseHeld()
    this.server.closeAllConnections()
    await new Promise(resolve => this.server.close(resolve))
  }
}
