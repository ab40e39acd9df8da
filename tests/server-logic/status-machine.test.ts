import type { OrderStatus } from '~shared/types/api'
import { describe, expect, it } from 'vitest'
import { canTransition } from '~server/utils/orders/status-machine'
import { ORDER_STATUSES } from '~shared/domain'

const ALLOWED = new Set(['pending>paid', 'pending>cancelled', 'paid>fulfilled', 'paid>refunded', 'fulfilled>refunded'])

describe('order status machine', () => {
  it.each(ORDER_STATUSES.flatMap(from => ORDER_STATUSES.map(to => [from, to] as [OrderStatus, OrderStatus])))('%s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(ALLOWED.has(`${from}>${to}`))
  })
})
