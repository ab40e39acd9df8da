import { describe, expect, it } from 'vitest'
import { addressBucket } from '~server/utils/http/address-bucket'

describe('addressBucket', () => {
  it('counts IPv6 addresses by their /64, however they are written', () => {
    for (const address of ['2001:db8:1:2::1', '2001:DB8:1:2:ffff:ffff:ffff:ffff', '2001:0db8:0001:0002:0:0:0:9', '2001:db8:1:2::1%eth0'])
      expect(addressBucket(address)).toBe('2001:db8:1:2::/64')
    expect(addressBucket('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64')
    expect(addressBucket('::1')).toBe('0:0:0:0::/64')
    expect(addressBucket('fe80::1')).toBe('fe80:0:0:0::/64')
  })

  it('keeps IPv4 addresses, also mapped into IPv6, and anything else as it is', () => {
    expect(addressBucket('203.0.113.7')).toBe('203.0.113.7')
    expect(addressBucket('::ffff:203.0.113.7')).toBe('203.0.113.7')
    expect(addressBucket('::ffff:cb00:7107')).toBe('203.0.113.7')
    expect(addressBucket('unknown')).toBe('unknown')
  })
})
