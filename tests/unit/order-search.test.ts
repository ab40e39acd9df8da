import { describe, expect, it } from 'vitest'
import { matchesOrderSearch, parseOrderSearch } from '~shared/order-search'

describe('parseOrderSearch', () => {
  it.each([
    ['', { text: '', numberPrefix: null, amountCents: null }],
    ['  Ada ', { text: 'ada', numberPrefix: null, amountCents: null }],
    ['#1042', { text: '#1042', numberPrefix: '1042', amountCents: null }],
    ['1042', { text: '1042', numberPrefix: '1042', amountCents: 104200 }],
    ['4.50', { text: '4.50', numberPrefix: null, amountCents: 450 }],
    ['4,5', { text: '4,5', numberPrefix: null, amountCents: 450 }],
    ['$12.34', { text: '$12.34', numberPrefix: null, amountCents: 1234 }],
    ['12.34 €', { text: '12.34 €', numberPrefix: null, amountCents: 1234 }],
    ['4.567', { text: '4.567', numberPrefix: null, amountCents: null }],
    ['Latte 2', { text: 'latte 2', numberPrefix: null, amountCents: null }],
  ])('%j', (query, expected) => {
    expect(parseOrderSearch(query)).toEqual(expected)
  })
})

describe('matchesOrderSearch', () => {
  const order = { number: 1042, totalCents: 1250, customerName: 'Zoë Ötzi', items: [{ name: 'Flat White' }, { name: 'Bagel' }] }
  it.each([
    ['', true],
    ['10', true],
    ['#104', true],
    ['#2', false],
    ['12.50', true],
    ['12.51', false],
    ['ÖTZI', true],
    ['white', true],
    ['croissant', false],
  ])('%j → %s', (query, expected) => {
    expect(matchesOrderSearch(order, parseOrderSearch(query))).toBe(expected)
  })
  it('an order without a customer matches by its items only', () => {
    expect(matchesOrderSearch({ ...order, customerName: null }, parseOrderSearch('zoë'))).toBe(false)
  })
})
