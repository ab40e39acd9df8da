import { isUtf8 } from 'node:buffer'
import { decimalToMinor } from '~shared/money'
import { InvalidPayload } from './types'

/** A verified body as a JSON object; anything else is not the platform's JSON. */
export function readPayload(body: Buffer, text: string): Record<string, any> {
  if (!isUtf8(body))
    throw new InvalidPayload('The body is not UTF-8.')
  let value: unknown
  try {
    value = JSON.parse(text)
  }
  catch {
    throw new InvalidPayload('The body is not JSON.')
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new InvalidPayload('The body is not a JSON object.')
  return value as Record<string, any>
}

export function requireObject(value: unknown, what: string): Record<string, any> {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new InvalidPayload(`${what} is missing.`)
  return value as Record<string, any>
}

export function requireString(value: unknown, what: string): string {
  if (typeof value === 'number' && Number.isSafeInteger(value))
    return String(value)
  if (typeof value !== 'string' || value === '')
    throw new InvalidPayload(`${what} is missing.`)
  return value
}

/** A whole number of minor units (Stripe, Square). */
export function requireMinor(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw new InvalidPayload(`${what} is not an amount in minor units.`)
  return value
}

export function requireCurrency(value: unknown): string {
  if (typeof value !== 'string' || !/^[a-z]{3}$/i.test(value))
    throw new InvalidPayload('The currency is missing.')
  return value.toUpperCase()
}

/** A decimal string ("409.94"; Shopify, WooCommerce) in the currency's minor units. */
export function requireDecimal(value: unknown, currency: string, what: string): number {
  const minor = typeof value === 'string' || typeof value === 'number' ? decimalToMinor(value, currency) : undefined
  if (minor === undefined)
    throw new InvalidPayload(`${what} is not an amount in ${currency}.`)
  return minor
}
