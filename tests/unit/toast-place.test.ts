// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { intersects, placeToast, TOAST_MARGIN } from '../../app/logic/toast-place'
import { formOrDialogOpen } from '../../app/logic/toast-quiet'

const phone = { width: 360, height: 740 }
const size = { width: 336, height: 48 }

describe('placeToast: never over a control or the focused element', () => {
  it('takes the bottom centre of a phone when it is free, under the header on a desktop', () => {
    expect(placeToast({ viewport: phone, size, obstacles: [], preferBottom: true, top: 100 })).toEqual({ x: 12, y: 740 - TOAST_MARGIN - 48 })
    expect(placeToast({ viewport: { width: 1440, height: 900 }, size: { width: 380, height: 48 }, obstacles: [], preferBottom: false, top: 120 })).toEqual({ x: 530, y: 120 })
  })

  it('moves up past a control at the bottom, and the spot it finds touches none', () => {
    const obstacles = [{ x: 0, y: 600, width: 360, height: 140 }, { x: 20, y: 420, width: 100, height: 44 }]
    const spot = placeToast({ viewport: phone, size, obstacles, preferBottom: true, top: 100 })!
    expect(spot.y + size.height).toBeLessThanOrEqual(600)
    for (const obstacle of obstacles)
      expect(intersects({ ...spot, ...size }, obstacle)).toBe(false)
  })

  it('goes to a side when the centre is taken', () => {
    const viewport = { width: 1440, height: 900 }
    const small = { width: 380, height: 48 }
    const centre = { x: 400, y: 0, width: 640, height: 900 }
    const spot = placeToast({ viewport, size: small, obstacles: [centre], preferBottom: false, top: 100 })!
    expect(spot.x).toBe(1440 - TOAST_MARGIN - 380)
    expect(intersects({ ...spot, ...small }, centre)).toBe(false)
  })

  it('right to left, goes to the left side first when the centre is taken', () => {
    const centre = { x: 400, y: 0, width: 640, height: 900 }
    const spot = placeToast({ viewport: { width: 1440, height: 900 }, size: { width: 380, height: 48 }, obstacles: [centre], preferBottom: false, top: 100, rtl: true })!
    expect(spot.x).toBe(TOAST_MARGIN)
  })

  it('gives up (announced only) when controls leave no room', () => {
    const everywhere = [{ x: 0, y: 0, width: 360, height: 740 }]
    expect(placeToast({ viewport: phone, size, obstacles: everywhere, preferBottom: true, top: 0 })).toBeNull()
    expect(placeToast({ viewport: { width: 360, height: 100 }, size, obstacles: [], preferBottom: true, top: 90 })).toBeNull()
  })
})

describe('formOrDialogOpen: when live events raise no toast', () => {
  it('sees an opened order form, a confirmation, a dialog, and focus in any form', () => {
    document.body.innerHTML = '<main id="main"><form class="settings"><input id="name"></form><button id="other">x</button></main>'
    expect(formOrDialogOpen(document)).toBe(false)
    document.getElementById('name')!.focus()
    expect(formOrDialogOpen(document)).toBe(true)
    document.getElementById('other')!.focus()
    expect(formOrDialogOpen(document)).toBe(false)
    for (const html of ['<form class="card create"></form>', '<div class="confirm" role="group"></div>', '<div role="alertdialog"></div>', '<div role="dialog"></div>', '<dialog open></dialog>', '<form class="picker"></form>']) {
      document.body.innerHTML = html
      expect(formOrDialogOpen(document), html).toBe(true)
    }
    document.body.innerHTML = '<main id="main"><p>Figures</p></main>'
    expect(formOrDialogOpen()).toBe(false)
  })
})
