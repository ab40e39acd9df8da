const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/**
 * The cursor of a stream over several stores as docs/api.md defines it, written out from the text and not
 * from the server's code (the benchmark builds it to resume; tests check the server's against it): `m2`,
 * then per store in key order `.`, its key (the first 9 hex digits of its id as 6 base64url characters,
 * most significant first) and its seq in base 36.
 */
export function documentedCursor(positions) {
  const key = (id) => {
    let bits = Number.parseInt(id.replaceAll('-', '').slice(0, 9), 16)
    let text = ''
    for (let i = 0; i < 6; i++, bits = Math.floor(bits / 64)) text = BASE64URL[bits % 64] + text
    return text
  }
  const entries = [...positions].map(([id, seq]) => `${key(id)}${seq.toString(36)}`).sort()
  return ['m2', ...entries].join('.')
}
