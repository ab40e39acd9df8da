import type { StoresTable } from '../db/schema'
import { randomUUID } from 'node:crypto'

export const FIRST_ORDER_NUMBER = 1001

export interface NewStoreInput { name: string, timeZone: string, currency: string }

/** The row of a new store: at registration and when a signed-in person opens another one. */
export function newStoreRow(input: NewStoreInput, now: string): StoresTable {
  return { id: randomUUID(), name: input.name, time_zone: input.timeZone, currency: input.currency, next_order_number: FIRST_ORDER_NUMBER, last_seq: 0, created_at: now }
}
