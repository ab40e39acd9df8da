import type { SseClient } from '../helpers/sse-client'
import { afterEach, expect, it } from 'vitest'
import { Api, registerStore } from '../helpers/api'
import { SseClient as Client } from '../helpers/sse-client'
import { describeWithServer } from '../helpers/test-server'
import { connectStream, streamUrl } from './support/stream'
import { addMember, MEMBER_PASSWORD } from './support/team'

const PER_SESSION = 5
const PER_PRINCIPAL = 10

describeWithServer('streams per session and per person', (ctx) => {
  const open: SseClient[] = []
  afterEach(() => {
    for (const client of open.splice(0)) client.close()
  })

  async function connect(token: string): Promise<void> {
    open.push((await connectStream(ctx.server, token)).client)
  }

  async function refused(token: string, limit: number): Promise<void> {
    const attempt = await Client.connect(streamUrl(ctx.server), { token })
    open.push(attempt)
    expect(attempt.status).toBe(429)
    const body = JSON.parse(attempt.body)
    expect(body).toEqual({ error: 'too_many_streams', message: expect.stringContaining(String(limit)) })
    expect(Number(attempt.headers.get('retry-after'))).toBeGreaterThan(0)
  }

  it('one staff member cannot take the store\'s slots: 5 streams a session, 10 a person, and the owner still connects', async () => {
    const { api: owner } = await registerStore(ctx.server.url)
    const staff = await addMember(ctx.server, owner, 'staff')
    const signIn = async () => (await new Api(ctx.server.url).post('/auth/login', { email: staff.email, password: MEMBER_PASSWORD })).body.token as string
    for (let i = 0; i < PER_SESSION; i++) await connect(staff.api.token!)
    await refused(staff.api.token!, PER_SESSION)
    const second = await signIn()
    for (let i = 0; i < PER_PRINCIPAL - PER_SESSION; i++) await connect(second)
    await refused(await signIn(), PER_PRINCIPAL)
    await connect(owner.token!)
    // A closed stream gives its session a place back.
    open[0].close()
    await expect.poll(async () => {
      const attempt = await Client.connect(streamUrl(ctx.server), { token: staff.api.token })
      open.push(attempt)
      return attempt.status
    }, { timeout: 5000 }).toBe(200)
  })
})
