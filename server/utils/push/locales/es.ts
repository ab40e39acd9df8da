import type { PushTexts } from './types'

// Spanish as a shop counter says it: a payment taken is a "cobro", what came in is "lo cobrado".
export const es: PushTexts = {
  newOrderTitle: 'Pedido nuevo n.º {number} — {amount}',
  paymentTitle: 'Cobro recibido — {amount} ({method})',
  orderNumber: 'Pedido n.º {number}',
  method: { card: 'tarjeta', cash: 'efectivo', other: 'otro' },
  reminderTitle: 'El pedido n.º {number} sigue pendiente — {amount}',
  waitingMinutes: { one: 'esperando desde hace {n} minuto', many: 'esperando desde hace {n} de minutos', other: 'esperando desde hace {n} minutos' },
  testTitle: 'Las notificaciones de Pulse funcionan',
  testBody: 'Este dispositivo te avisará de cada pedido y cobro nuevo, aunque Pulse esté cerrado.',
  summaryTitle: 'Hoy en {store}: {amount}, {orders}',
  orders: { one: '{n} pedido', many: '{n} de pedidos', other: '{n} pedidos' },
  summaryChange: 'Cobrado: {change} frente al {weekday} pasado ({amount}, {orders}).',
  summarySame: 'Cobrado: igual que el {weekday} pasado ({amount}, {orders}).',
  summaryFromNothing: 'Cobrado: el {weekday} pasado no entró nada ({amount}, {orders}).',
}
