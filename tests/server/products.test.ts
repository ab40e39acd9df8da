import type { Api } from '../helpers/api'
import { beforeAll, describe, expect, it } from 'vitest'
import { MAX_PRODUCTS } from '~shared/domain'
import { registerStore } from '../helpers/api'
import { describeWithServer } from '../helpers/test-server'
import { expectApiError, UNKNOWN_ID } from './support/api'
import { addMember, createKey, del, pairDevice } from './support/team'

describeWithServer('product catalogue', (ctx) => {
  let owner: Api
  beforeAll(async () => {
    ;({ api: owner } = await registerStore(ctx.server.url))
  })

  async function names(api: Api = owner): Promise<string[]> {
    const list = await api.get('/products')
    expect(list.status).toBe(200)
    return list.body.products.map((product: any) => product.name)
  }

  it('a new store starts with an empty catalogue', async () => {
    const { api } = await registerStore(ctx.server.url)
    expect((await api.get('/products')).body).toEqual({ products: [] })
  })

  it('creates, lists in order, edits, archives, reorders and deletes products', async () => {
    const { api } = await registerStore(ctx.server.url)
    const sourdough = await api.post('/products', { name: ' Sourdough ', sku: 'SRD', priceCents: 650, category: 'Bread' })
    expect(sourdough.status).toBe(201)
    expect(sourdough.body).toMatchObject({ name: 'Sourdough', sku: 'SRD', priceCents: 650, category: 'Bread', archived: false, position: 0 })
    const bun = (await api.post('/products', { name: 'Cinnamon bun', priceCents: 375 })).body
    expect(bun).toMatchObject({ sku: null, category: null, position: 1 })
    const rye = (await api.post('/products', { name: 'Rye', priceCents: 500, category: '' })).body
    expect(rye.category).toBeNull()
    expect(await names(api)).toEqual(['Sourdough', 'Cinnamon bun', 'Rye'])

    const edited = await api.patch(`/products/${bun.id}`, { priceCents: 400, category: 'Pastry' })
    expect(edited.status).toBe(200)
    expect(edited.body).toMatchObject({ name: 'Cinnamon bun', priceCents: 400, category: 'Pastry' })

    const moved = await api.patch(`/products/${rye.id}`, { position: 0 })
    expect(moved.body.position).toBe(0)
    expect(await names(api)).toEqual(['Rye', 'Sourdough', 'Cinnamon bun'])
    await api.patch(`/products/${rye.id}`, { position: 99 })
    expect(await names(api)).toEqual(['Sourdough', 'Cinnamon bun', 'Rye'])

    const archived = await api.patch(`/products/${sourdough.body.id}`, { archived: true })
    expect(archived.body.archived).toBe(true)
    expect((await api.get('/products')).body.products.map((p: any) => [p.name, p.archived])).toEqual([['Sourdough', true], ['Cinnamon bun', false], ['Rye', false]])

    expect((await del(api, `/products/${rye.id}`)).status).toBe(204)
    expect(await names(api)).toEqual(['Sourdough', 'Cinnamon bun'])
    expectApiError(await del(api, `/products/${rye.id}`), 404, 'product_not_found')
  })

  it('refuses every bad input with a 4xx and changes nothing', async () => {
    const { api } = await registerStore(ctx.server.url)
    const product = (await api.post('/products', { name: 'Tea', priceCents: 250 })).body
    const before = (await api.get('/products')).body
    const bad: Array<[unknown, string]> = [
      [{ priceCents: 100 }, 'validation_failed'],
      [{ name: '', priceCents: 100 }, 'validation_failed'],
      [{ name: '   ', priceCents: 100 }, 'validation_failed'],
      [{ name: 'x'.repeat(101), priceCents: 100 }, 'validation_failed'],
      [{ name: 'Tea', priceCents: -1 }, 'validation_failed'],
      [{ name: 'Tea', priceCents: 1.5 }, 'validation_failed'],
      [{ name: 'Tea', priceCents: '250' }, 'validation_failed'],
      [{ name: 'Tea', priceCents: 100_000_001 }, 'validation_failed'],
      [{ name: 'Tea', priceCents: 100, archived: 'yes' }, 'validation_failed'],
      [{ name: 'Tea', priceCents: 100, colour: 'red' }, 'validation_failed'],
      [{ name: 'Te\u0000a', priceCents: 100 }, 'invalid_text'],
    ]
    for (const [body, code] of bad) expectApiError(await api.post('/products', body), 400, code)
    expectApiError(await api.post('/products', '{"name":'), 400, 'invalid_json')
    expectApiError(await api.patch(`/products/${product.id}`, {}), 400, 'validation_failed')
    expectApiError(await api.patch(`/products/${product.id}`, { position: -1 }), 400, 'validation_failed')
    expectApiError(await api.patch(`/products/${product.id}`, { priceCents: null }), 400, 'validation_failed')
    expectApiError(await api.patch(`/products/${UNKNOWN_ID}`, { name: 'x' }), 404, 'product_not_found')
    expectApiError(await api.patch('/products/not-an-id', { name: 'x' }), 404, 'product_not_found')
    expect((await api.get('/products')).body).toEqual(before)
  })

  it('caps the catalogue at MAX_PRODUCTS', async () => {
    const { api } = await registerStore(ctx.server.url)
    for (let i = 0; i < MAX_PRODUCTS; i++) expect((await api.post('/products', { name: `P${i}`, priceCents: i })).status).toBe(201)
    expectApiError(await api.post('/products', { name: 'One more', priceCents: 1 }), 422, 'too_many_products')
    expect((await api.get('/products')).body.products).toHaveLength(MAX_PRODUCTS)
  }, 120_000)

  it('is per store: another store can neither see nor change it', async () => {
    const product = (await owner.post('/products', { name: 'Secret blend', priceCents: 900 })).body
    const { api: other } = await registerStore(ctx.server.url)
    expect(await names(other)).not.toContain('Secret blend')
    expectApiError(await other.patch(`/products/${product.id}`, { name: 'Mine' }), 404, 'product_not_found')
    expectApiError(await del(other, `/products/${product.id}`), 404, 'product_not_found')
    expect(await names()).toContain('Secret blend')
  })

  describe('roles', () => {
    it('owner and manager manage; staff, a counter device and an orders:read key only read; others get 403', async () => {
      const manager = await addMember(ctx.server, owner, 'manager')
      const staff = await addMember(ctx.server, owner, 'staff')
      const display = await pairDevice(ctx.server, owner)
      const reader = await createKey(ctx.server, owner, ['orders:read'])
      const writer = await createKey(ctx.server, owner, ['orders:write'])
      const made = await manager.api.post('/products', { name: 'Manager special', priceCents: 300 })
      expect(made.status).toBe(201)
      expect((await manager.api.patch(`/products/${made.body.id}`, { archived: true })).status).toBe(200)
      expect(await names(staff.api)).toContain('Manager special')
      expect(await names(reader.api)).toContain('Manager special')
      for (const api of [staff.api, reader.api, writer.api, display.api]) {
        const refused = await api.post('/products', { name: 'Nope', priceCents: 1 })
        expect(refused.status).toBe(403)
        expect((await api.patch(`/products/${made.body.id}`, { name: 'Nope' })).status).toBe(403)
        expect((await del(api, `/products/${made.body.id}`)).status).toBe(403)
      }
      expect((await display.api.get('/products')).status).toBe(403)
      expect((await writer.api.get('/products')).status).toBe(403)
      expect(await names()).not.toContain('Nope')
    })
  })

  it('an item sold outside the catalogue still counts in top products by its name', async () => {
    const { api } = await registerStore(ctx.server.url)
    await api.post('/products', { name: 'Sourdough', priceCents: 650 })
    const order = await api.post('/orders', { items: [{ name: 'Sourdough', quantity: 1, unitPriceCents: 650 }, { name: 'Gift card', quantity: 2, unitPriceCents: 1000 }] })
    expect(order.status).toBe(201)
    const top = await api.get('/analytics/top-products?range=today')
    expect(top.body.products).toEqual([{ name: 'Gift card', quantity: 2, revenueCents: 2000 }, { name: 'Sourdough', quantity: 1, revenueCents: 650 }])
  })
})
