import type { PushTexts } from './types'

// French as a shop says it: money taken is "encaissé", an order not yet paid is "en attente". French puts a
// narrow no-break space before a colon.
export const fr: PushTexts = {
  newOrderTitle: 'Nouvelle commande n° {number} — {amount}',
  paymentTitle: 'Paiement encaissé — {amount} ({method})',
  orderNumber: 'Commande n° {number}',
  method: { card: 'carte', cash: 'espèces', other: 'autre' },
  reminderTitle: 'La commande n° {number} est toujours en attente — {amount}',
  waitingMinutes: { one: 'en attente depuis {n} minute', many: 'en attente depuis {n} de minutes', other: 'en attente depuis {n} minutes' },
  testTitle: 'Les notifications Pulse fonctionnent',
  testBody: 'Cet appareil vous signalera chaque nouvelle commande et chaque paiement, même quand Pulse est fermé.',
  summaryTitle: 'Aujourd’hui chez {store}\u202F: {amount}, {orders}',
  orders: { one: '{n} commande', many: '{n} de commandes', other: '{n} commandes' },
  summaryChange: 'Encaissé\u202F: {change} par rapport à {weekday} dernier ({amount}, {orders}).',
  summarySame: 'Encaissé\u202F: autant que {weekday} dernier ({amount}, {orders}).',
  summaryFromNothing: 'Encaissé\u202F: rien n’était entré {weekday} dernier ({amount}, {orders}).',
}
