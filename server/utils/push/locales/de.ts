import type { PushTexts } from './types'

// German shop words: an order still waiting for its money is "offen", cash is "bar", takings are "Einnahmen".
export const de: PushTexts = {
  newOrderTitle: 'Neue Bestellung Nr. {number} — {amount}',
  paymentTitle: 'Zahlung erhalten — {amount} ({method})',
  orderNumber: 'Bestellung Nr. {number}',
  method: { card: 'Karte', cash: 'bar', other: 'sonstige' },
  reminderTitle: 'Bestellung Nr. {number} ist noch offen — {amount}',
  waitingMinutes: { one: 'wartet seit {n} Minute', other: 'wartet seit {n} Minuten' },
  testTitle: 'Pulse-Benachrichtigungen funktionieren',
  testBody: 'Dieses Gerät meldet neue Bestellungen und Zahlungen, auch wenn Pulse geschlossen ist.',
  summaryTitle: 'Heute bei {store}: {amount}, {orders}',
  orders: { one: '{n} Bestellung', other: '{n} Bestellungen' },
  summaryChange: 'Einnahmen {change} gegenüber letztem {weekday} ({amount}, {orders}).',
  summarySame: 'Einnahmen genau wie letzten {weekday} ({amount}, {orders}).',
  summaryFromNothing: 'Einnahmen: letzten {weekday} war die Kasse noch leer ({amount}, {orders}).',
}
