import { Buffer } from 'node:buffer'
import { WebhooksHelper } from 'square'
import { describe, expect, it } from 'vitest'
import { isBase64HmacSha256 } from '~server/utils/connectors/signatures'
import { decimalToMinor, minorUnitDigits } from '~shared/money'
import { shopifySign, squareSign } from '../server/support/connectors'

// square/square-nodejs-sdk tests/integration/webhooks.test.ts: Square's signed test notification.
const SQUARE_EXAMPLE = {
  requestBody: '{"merchant_id":"MLEFBHHSJGVHD","type":"webhooks.test_notification","event_id":"ac3ac95b-f97d-458c-a6e6-18981597e05f","created_at":"2022-07-13T20:30:59.037339943Z","data":{"type":"webhooks","id":"bc368e64-01aa-407e-b46e-3231809b1129"}}',
  signatureHeader: 'GF4YkrJgGBDZ9NIYbNXBnMzqb2HoL4RW/S6vkZ9/2N4=',
  signatureKey: 'Ibxx_5AKakO-3qeNVR61Dw',
  notificationUrl: 'https://webhook.site/679a4f3a-dcfa-49ee-bac5-9d0edad886b9',
}

describe('webhook signatures', () => {
  it('square: the published signed notification verifies over URL + body, and fails for another URL or key', () => {
    const { requestBody, signatureHeader, signatureKey, notificationUrl } = SQUARE_EXAMPLE
    expect(isBase64HmacSha256(signatureKey, notificationUrl + requestBody, signatureHeader)).toBe(true)
    expect(isBase64HmacSha256(signatureKey, `${notificationUrl}x${requestBody}`, signatureHeader)).toBe(false)
    expect(isBase64HmacSha256('MCmhFRxGX82xMwg5FsaoQA', notificationUrl + requestBody, signatureHeader)).toBe(false)
    expect(isBase64HmacSha256(signatureKey, notificationUrl + requestBody, null)).toBe(false)
    expect(isBase64HmacSha256(signatureKey, notificationUrl + requestBody, '1z2n3DEJJiUPKcPzQo1ftvbxGdw=')).toBe(false)
  })

  it('square: what the tests sign, the square package\'s WebhooksHelper accepts', async () => {
    const body = JSON.stringify({ event_id: 'x', type: 'payment.updated' })
    const url = 'http://127.0.0.1:41200/api/v1/webhooks/square/abc'
    expect(await WebhooksHelper.verifySignature({ requestBody: body, signatureHeader: squareSign(url, body), signatureKey: 'Ibxx_5AKakO-3qeNVR61Dw', notificationUrl: url })).toBe(true)
  })

  it('shopify: the published example ({"foo": "bar"} under test_secret_key, Shopify/shopify-app-js validate.test.ts)', () => {
    expect(isBase64HmacSha256('test_secret_key', Buffer.from('{"foo": "bar"}'), 'B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=')).toBe(true)
    expect(shopifySign('{"foo": "bar"}', 'test_secret_key')).toBe('B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=')
    expect(isBase64HmacSha256('test_secret_key', Buffer.from('{"foo":"bar"}'), 'B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=')).toBe(false)
  })
})

describe('money in minor units (ISO 4217)', () => {
  it('digits per currency and exact decimal strings', () => {
    expect(['USD', 'EUR', 'JPY', 'KRW', 'KWD'].map(minorUnitDigits)).toEqual([2, 2, 0, 0, 3])
    expect(decimalToMinor('409.94', 'USD')).toBe(40994)
    expect(decimalToMinor('0.1', 'USD')).toBe(10)
    expect(decimalToMinor('-10.00', 'USD')).toBe(-1000)
    expect(decimalToMinor('1000', 'JPY')).toBe(1000)
    expect(decimalToMinor('1000.00', 'JPY')).toBe(1000)
    expect(decimalToMinor('1.5', 'JPY')).toBeUndefined()
    expect(decimalToMinor('1.234', 'KWD')).toBe(1234)
    expect(decimalToMinor('1.2345', 'KWD')).toBeUndefined()
    expect(decimalToMinor('12,00', 'EUR')).toBeUndefined()
    expect(decimalToMinor('1e3', 'USD')).toBeUndefined()
  })
})
