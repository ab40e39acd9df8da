import type { PushEnvironment } from '../../app/logic/push-support'
import { describe, expect, it } from 'vitest'
import { keyBytes, pushSupport } from '../../app/logic/push-support'

const CHROME: PushEnvironment = {
  userAgent: 'Mozilla/5.0 (Linux; Android 14) Chrome/131 Mobile',
  maxTouchPoints: 5,
  standalone: false,
  secureContext: true,
  hasServiceWorker: true,
  hasPushManager: true,
  hasNotification: true,
  permission: 'default',
}
const IPHONE = { ...CHROME, userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) Safari/604.1', hasPushManager: false, hasNotification: false }
const IPAD_AS_MAC = { ...CHROME, userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Safari/605.1.15', maxTouchPoints: 5 }

describe('what the notification settings tell each platform', () => {
  it('is ready where push works, and says why where it does not', () => {
    expect(pushSupport(CHROME)).toEqual({ state: 'ready' })
    expect(pushSupport({ ...CHROME, permission: 'denied' })).toEqual({ state: 'denied' })
    expect(pushSupport({ ...CHROME, hasPushManager: false })).toEqual({ state: 'unsupported' })
    expect(pushSupport({ ...CHROME, secureContext: false })).toEqual({ state: 'insecure' })
  })

  it('asks iPhone and iPad users to add Pulse to the Home Screen first', () => {
    expect(pushSupport(IPHONE)).toEqual({ state: 'ios-home-screen' })
    expect(pushSupport(IPAD_AS_MAC)).toEqual({ state: 'ios-home-screen' })
    expect(pushSupport({ ...IPHONE, standalone: true, hasPushManager: true, hasNotification: true })).toEqual({ state: 'ready' })
    // A Mac without touch is a Mac: Safari 16+ on macOS 13+ pushes from a tab.
    expect(pushSupport({ ...IPAD_AS_MAC, maxTouchPoints: 0 })).toEqual({ state: 'ready' })
  })

  it('turns the base64url VAPID key into the bytes applicationServerKey takes', () => {
    const bytes = Uint8Array.from({ length: 65 }, (_, i) => (i * 37 + 4) % 256)
    expect([...keyBytes(Buffer.from(bytes).toString('base64url'))]).toEqual([...bytes])
  })
})
