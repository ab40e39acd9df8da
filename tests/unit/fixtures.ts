import type { StreamEventOf, StreamEventType, StreamOrder, Summary, Timeseries, TopProducts } from '~shared/types/api'

export const FROM = '2026-11-26T05:00:00.000Z'
export const TO = '2026-11-27T05:00:00.000Z'
export const IN_RANGE = '2026-11-26T15:30:00.000Z'

export function summary(overrides: Partial<Summary> = {}): Summary {
  return {
    range: 'today',
    from: FROM,
    to: TO,
    currency: 'USD',
    revenueCents: 10_000,
    orderCount: 4,
    orderTotalCents: 10_000,
    averageOrderValueCents: 2500,
    pendingOrderCount: 1,
    paidOrderCount: 3,
    cancelledOrderCount: 0,
    refundedCents: 0,
    byMethod: [{ method: 'card', amountCents: 10_000, count: 3 }, { method: 'cash', amountCents: 0, count: 0 }, { method: 'other', amountCents: 0, count: 0 }],
    grossSalesCents: 10_000,
    lastSeq: 10,
    ...overrides,
  }
}

export function timeseries(overrides: Partial<Timeseries> = {}): Timeseries {
  const points = Array.from({ length: 24 }, (_, hour) => ({
    t: new Date(Date.parse(FROM) + hour * 3_600_000).toISOString(),
    revenueCents: 0,
    orderCount: 0,
  }))
  return { range: 'today', bucket: 'hour', from: FROM, to: TO, points, lastSeq: 10, ...overrides }
}

export function topProducts(): TopProducts {
  return { range: 'today', products: [{ name: 'Latte', quantity: 3, revenueCents: 1350 }], lastSeq: 10 }
}

let orderNumber = 1000

export function streamEvent<T extends StreamEventType>(type: T, seq: number, overrides: Partial<StreamEventOf<T>> = {}, order: Partial<StreamOrder> = {}): StreamEventOf<T> {
  return {
    seq,
    type,
    storeId: 'store-1',
    at: IN_RANGE,
    order: {
      id: `order-${seq}`,
      number: orderNumber++,
      status: 'pending',
      currency: 'USD',
      totalCents: 1250,
      paidCents: 0,
      customerName: null,
      createdAt: IN_RANGE,
      ...order,
    },
    ...(type === 'payment_received' ? { payment: { id: `payment-${seq}`, amountCents: order.paidCents ?? 1250, method: 'card' as const } } : {}),
    // A new order carries its lines (here one Latte line of its total), as the server sends them.
    ...(type === 'order_created' ? { items: [{ name: 'Latte', sku: null, quantity: 1, lineTotalCents: order.totalCents ?? 1250 }], itemCount: 1, itemsTruncated: false } : {}),
    ...overrides,
  } as unknown as StreamEventOf<T>
}
