// Draws Pulse's app icons (a white pulse line on indigo) as PNGs with nothing but node:zlib.
// Usage: node scripts/generate-icons.mjs  → public/pwa-192x192.png, pwa-512x512.png, maskable-512x512.png,
// apple-touch-icon.png (180, opaque), badge-96x96.png (the notification badge: the line alone, white on
// transparent, as Android uses only its alpha) and favicon.svg.
import { writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { deflateSync } from 'node:zlib'

const out = resolve(dirname(fileURLToPath(import.meta.url)), '../public')
const BG = [0x43, 0x38, 0xCA] // #4338ca
const FG = [0xFF, 0xFF, 0xFF]
// The pulse line in a 0..1 box.
const LINE = [[0.12, 0.55], [0.34, 0.55], [0.42, 0.34], [0.52, 0.74], [0.6, 0.46], [0.66, 0.55], [0.88, 0.55]]

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(buffer) {
  let c = 0xFFFFFFFF
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xFF] ^ (c >>> 8)
  return (c ^ 0xFFFFFFFF) >>> 0
}
function chunk(type, data) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}
function png(size, rgba) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header[8] = 8 // bit depth
  header[9] = 6 // RGBA
  const raw = Buffer.alloc((size * 4 + 1) * size)
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0 // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

function distanceToSegment(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax
  const dy = by - ay
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy))
}

/**
 * @param {number} size pixels
 * @param {{ inset: number, radius: number, opaque: boolean, lineOnly?: boolean }} shape inset: line box inside the icon
 *   (maskable icons keep the glyph in the 80 % safe zone); radius: corner radius (0 = full bleed);
 *   lineOnly: the line in white on transparent (a notification badge).
 */
function draw(size, { inset, radius, opaque, lineOnly = false }) {
  const rgba = Buffer.alloc(size * size * 4)
  const samples = 4
  const stroke = (lineOnly ? 0.1 : 0.055) * (1 - 2 * inset)
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let cover = 0
      let ink = 0
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const u = (x + (sx + 0.5) / samples) / size
          const v = (y + (sy + 0.5) / samples) / size
          // Rounded square.
          const cx = Math.min(Math.max(u, radius), 1 - radius)
          const cy = Math.min(Math.max(v, radius), 1 - radius)
          if (radius > 0 && Math.hypot(u - cx, v - cy) > radius)
            continue
          cover++
          const lu = (u - inset) / (1 - 2 * inset)
          const lv = (v - inset) / (1 - 2 * inset)
          let d = Infinity
          for (let i = 0; i + 1 < LINE.length; i++) d = Math.min(d, distanceToSegment(lu, lv, LINE[i], LINE[i + 1]))
          if (d * (1 - 2 * inset) < stroke / 2)
            ink++
        }
      }
      const total = samples * samples
      const i = (y * size + x) * 4
      const f = cover ? ink / cover : 0
      const a = lineOnly ? f : opaque ? 1 : cover / total
      for (let c = 0; c < 3; c++) rgba[i + c] = Math.round(BG[c] * (1 - f) + FG[c] * f)
      rgba[i + 3] = Math.round(a * 255)
    }
  }
  return png(size, rgba)
}

writeFileSync(resolve(out, 'pwa-192x192.png'), draw(192, { inset: 0.08, radius: 0.22, opaque: false }))
writeFileSync(resolve(out, 'pwa-512x512.png'), draw(512, { inset: 0.08, radius: 0.22, opaque: false }))
writeFileSync(resolve(out, 'maskable-512x512.png'), draw(512, { inset: 0.2, radius: 0, opaque: true }))
writeFileSync(resolve(out, 'badge-96x96.png'), draw(96, { inset: 0, radius: 0, opaque: false, lineOnly: true }))
writeFileSync(resolve(out, 'apple-touch-icon.png'), draw(180, { inset: 0.12, radius: 0, opaque: true }))
const points = LINE.map(([x, y]) => `${(x * 64).toFixed(1)},${(y * 64).toFixed(1)}`).join(' ')
writeFileSync(resolve(out, 'favicon.svg'), `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#4338ca"/><polyline points="${points}" fill="none" stroke="#fff" stroke-width="4" stroke-linejoin="round" stroke-linecap="round"/></svg>\n`)
console.log(`icons written to ${out}`)
