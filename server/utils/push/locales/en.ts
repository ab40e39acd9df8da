import type { PushTexts } from './types'

export const en: PushTexts = {
  newOrderTitle: 'New order #{number} — {amount}',
  paymentTitle: 'Payment received — {amount} ({method})',
  orderNumber: 'Order #{number}',
  method: { card: 'card', cash: 'cash', other: 'other' },
  reminderTitle: 'Order #{number} is still pending — {amount}',
  waitingMinutes: { one: 'waiting for {n} min', other: 'waiting for {n} min' },
  testTitle: 'Pulse notifications work',
  testBody: 'This device will be told about new orders and payments, even when Pulse is closed.',
  summaryTitle: 'Today at {store}: {amount}, {orders}',
  orders: { one: '{n} order', other: '{n} orders' },
  summaryChange: 'Revenue {change} vs last {weekday} ({amount}, {orders}).',
  summarySame: 'Revenue same as last {weekday} ({amount}, {orders}).',
  summaryFromNothing: 'Revenue up from nothing last {weekday} ({amount}, {orders}).',
}
