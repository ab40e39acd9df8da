import { readFileSync } from 'node:fs'
import { HTTPError } from 'h3'
import { describe, expect, it } from 'vitest'
import { createApiError, toErrorBody } from '~server/utils/http/errors'
import { API_ERRORS } from '~shared/errors'

/** The rows of docs/api.md's table of error codes: code → status. */
function documentedCodes(): Map<string, number> {
  const doc = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8')
  const section = doc.slice(doc.indexOf('\n## Errors\n'))
  const rows = new Map<string, number>()
  for (const match of section.matchAll(/^\| `([a-z_]+)` \| (\d{3}) \|/gm))
    rows.set(match[1], Number(match[2]))
  return rows
}

describe('the catalogue of error codes', () => {
  it('documents every code with its status in docs/api.md, and documents no other', () => {
    const documented = documentedCodes()
    const catalogue = new Map(Object.entries(API_ERRORS).map(([code, entry]) => [code, entry.status]))
    expect(documented.size).toBeGreaterThan(50)
    expect([...documented].sort()).toEqual([...catalogue].sort())
  })

  it('gives every error the server throws its code\'s status and message, or the site\'s sharper message', () => {
    expect(toErrorBody(createApiError('order_not_found'))).toMatchObject({ status: 404, body: { error: 'order_not_found', message: 'No such order.' } })
    expect(toErrorBody(createApiError('amount_exceeds_refundable', 'The refund is more than the ¥1,200 that can still be refunded.')))
      .toMatchObject({ status: 422, body: { error: 'amount_exceeds_refundable', message: 'The refund is more than the ¥1,200 that can still be refunded.' } })
    const busy = toErrorBody(createApiError('busy', undefined, { 'retry-after': '5' }))
    expect([busy.status, new Headers(busy.headers).get('retry-after')]).toEqual([503, '5'])
    // A refusal of the framework without a code gets its status's code from the catalogue.
    expect(toErrorBody(new HTTPError({ status: 405, message: 'Method not allowed.' })).body.error).toBe('method_not_allowed')
  })

  it('throws no code outside the catalogue anywhere in the server', () => {
    const sources = import.meta.glob('../../server/**/*.ts', { query: '?raw', import: 'default', eager: true }) as Record<string, string>
    const thrown = new Set<string>()
    for (const text of Object.values(sources)) {
      for (const match of text.matchAll(/createApiError\('([a-z_]+)'/g))
        thrown.add(match[1])
      expect(text).not.toMatch(/createApiError\(\d/)
    }
    expect(thrown.size).toBeGreaterThan(40)
    for (const code of thrown)
      expect(Object.hasOwn(API_ERRORS, code), code).toBe(true)
  })
})
