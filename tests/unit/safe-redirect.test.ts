import { describe, expect, it } from 'vitest'
import { safeRedirect } from '../../app/logic/safe-redirect'

describe('safeRedirect', () => {
  it('follows paths of the app', () => {
    expect(safeRedirect('/orders?status=pending')).toBe('/orders?status=pending')
    expect(safeRedirect('/')).toBe('/')
  })

  it('refuses other origins, protocol-relative and backslash tricks, and non-strings', () => {
    for (const target of ['https://evil.test', '//evil.test', '/\\evil.test', 'javascript:alert(1)', 'orders', '', undefined, ['/orders'], 42])
      expect(safeRedirect(target)).toBe('/')
  })
})
