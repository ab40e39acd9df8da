import { describe, expect, it } from 'vitest'
import { nextLink } from '~server/utils/backfill/readers/shopify'
import { honourRetryAfter, parseRetryAfter } from '~server/utils/backfill/retry-after'
import { PlatformRefused, RateLimited } from '~server/utils/backfill/types'

describe('retry-After', () => {
  it('reads delta-seconds and HTTP dates; a missing or unreadable one waits a second', () => {
    const now = Date.parse('2026-12-06T12:00:00Z')
    expect(parseRetryAfter('2', now)).toBe(2000)
    expect(parseRetryAfter(' 0 ', now)).toBe(0)
    expect(parseRetryAfter('Sun, 06 Dec 2026 12:00:05 GMT', now)).toBe(5000)
    expect(parseRetryAfter('Sun, 06 Dec 2026 11:59:00 GMT', now)).toBe(0)
    expect(parseRetryAfter(null, now)).toBe(1000)
    expect(parseRetryAfter('soon', now)).toBe(1000)
  })

  it('retries what the platform asked to wait for, gives up on a pause too long, and never retries a refusal', async () => {
    let calls = 0
    expect(await honourRetryAfter(async () => {
      if (++calls < 3)
        throw new RateLimited(0)
      return 'page'
    })).toBe('page')
    expect(calls).toBe(3)

    await expect(honourRetryAfter(async () => {
      throw new RateLimited(3_600_000)
    })).rejects.toBeInstanceOf(RateLimited)

    let refusals = 0
    await expect(honourRetryAfter(async () => {
      refusals++
      throw new PlatformRefused('no')
    })).rejects.toBeInstanceOf(PlatformRefused)
    expect(refusals).toBe(1)

    let always = 0
    await expect(honourRetryAfter(async () => {
      always++
      throw new RateLimited(0)
    })).rejects.toBeInstanceOf(RateLimited)
    expect(always).toBe(6)
  })
})

describe('shopify Link header', () => {
  it('finds rel=next among previous and next, quoted or not (Shopify\'s published examples)', () => {
    const link = '<https://shop.myshopify.com/admin/api/2025-10/orders.json?page_info=hijgklmn&limit=3>; rel="previous", <https://shop.myshopify.com/admin/api/2025-10/orders.json?page_info=opqrstu&limit=3>; rel="next"'
    expect(nextLink(link)).toBe('https://shop.myshopify.com/admin/api/2025-10/orders.json?page_info=opqrstu&limit=3')
    expect(nextLink('<https://shop.myshopify.com/admin/api/2019-07/products.json?page_info=vwxyz&limit=3>; rel=next')).toBe('https://shop.myshopify.com/admin/api/2019-07/products.json?page_info=vwxyz&limit=3')
    expect(nextLink('<https://shop.myshopify.com/admin/api/2025-10/orders.json?page_info=abc&limit=3>; rel="previous"')).toBeNull()
    expect(nextLink(null)).toBeNull()
  })
})
