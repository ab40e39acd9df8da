import { isIP } from 'node:net'

/** The eight 16-bit groups of an IPv6 address, in the URL parser's canonical (lower-case) form. */
function ipv6Groups(address: string): string[] | undefined {
  let canonical: string
  try {
    canonical = new URL(`http://[${address.replace(/%.*$/, '')}]/`).hostname.slice(1, -1)
  }
  catch {
    return undefined
  }
  const [head, tail] = canonical.split('::')
  const headGroups = head ? head.split(':') : []
  if (tail === undefined)
    return headGroups
  const tailGroups = tail ? tail.split(':') : []
  return [...headGroups, ...Array.from({ length: 8 - headGroups.length - tailGroups.length }, () => '0'), ...tailGroups]
}

/**
 * What a per-address limit counts an address under: an IPv4 address itself (also when mapped into
 * IPv6), an IPv6 address by its /64, the smallest block a provider hands one customer, who can use
 * every address in it.
 */
export function addressBucket(address: string): string {
  if (isIP(address.replace(/%.*$/, '')) !== 6)
    return address
  const groups = ipv6Groups(address)
  if (!groups || groups.length !== 8)
    return address
  if (groups.slice(0, 5).every(group => group === '0') && groups[5] === 'ffff') {
    const [high, low] = [Number.parseInt(groups[6], 16), Number.parseInt(groups[7], 16)]
    return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`
  }
  return `${groups.slice(0, 4).join(':')}::/64`
}
