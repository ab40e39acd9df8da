import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { describeWithServer } from '../helpers/test-server'
import { allOrders } from './support/api'
import { createKey } from './support/team'

const SCRIPT = join(import.meta.dirname, '../../scripts/pos-example.mjs')

describeWithServer('scripts/pos-example.mjs', (ctx) => {
  it('sends paid orders with an API key, each once', async () => {
    const { api: owner } = await registerStore(ctx.server.url)
    const { key, keyId } = await createKey(ctx.server, owner, ['orders:write', 'orders:read'], 'POS example')
    const { stdout } = await promisify(execFile)(process.execPath, [SCRIPT, '--url', ctx.server.url, '--sales', '3'], { env: { ...process.env, PULSE_API_KEY: key } })
    expect(stdout).toMatch(/paid: order #1003/)
    const orders = await allOrders(owner)
    expect(orders).toHaveLength(3)
    expect(orders.every(order => order.status === 'paid' && order.createdBy.id === keyId)).toBe(true)
  })
})
