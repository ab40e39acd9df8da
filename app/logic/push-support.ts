/** What this browser can do about Web Push, and what to tell the person when it cannot. */
export type PushSupport
  = | { state: 'ready' }
    | { state: 'ios-home-screen' }
    | { state: 'unsupported' }
    | { state: 'denied' }
    | { state: 'insecure' }

export interface PushEnvironment {
  userAgent: string
  maxTouchPoints: number
  standalone: boolean
  secureContext: boolean
  hasServiceWorker: boolean
  hasPushManager: boolean
  hasNotification: boolean
  permission: NotificationPermission | 'unknown'
}

export function isIos(env: Pick<PushEnvironment, 'userAgent' | 'maxTouchPoints'>): boolean {
  // iPadOS presents itself as a Mac; a Mac with a touch screen is an iPad.
  return /iPhone|iPad|iPod/.test(env.userAgent) || (/Macintosh/.test(env.userAgent) && env.maxTouchPoints > 1)
}

export function pushSupport(env: PushEnvironment): PushSupport {
  if (!env.secureContext)
    return { state: 'insecure' }
  // iOS and iPadOS 16.4+ offer Web Push only to web apps added to the Home Screen.
  if (isIos(env) && !env.standalone)
    return { state: 'ios-home-screen' }
  if (!env.hasServiceWorker || !env.hasPushManager || !env.hasNotification)
    return { state: 'unsupported' }
  if (env.permission === 'denied')
    return { state: 'denied' }
  return { state: 'ready' }
}

export function readPushEnvironment(): PushEnvironment {
  const nav = globalThis.navigator as Navigator & { standalone?: boolean } | undefined
  const notification = (globalThis as { Notification?: typeof Notification }).Notification
  return {
    userAgent: nav?.userAgent ?? '',
    maxTouchPoints: nav?.maxTouchPoints ?? 0,
    standalone: nav?.standalone === true || globalThis.matchMedia?.('(display-mode: standalone)').matches === true,
    secureContext: globalThis.isSecureContext !== false,
    hasServiceWorker: !!nav && 'serviceWorker' in nav,
    hasPushManager: 'PushManager' in globalThis,
    hasNotification: !!notification,
    permission: notification?.permission ?? 'unknown',
  }
}

/** The VAPID public key (base64url) as the Uint8Array that `applicationServerKey` takes. */
export function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(base64url.length / 4) * 4, '=')
  const binary = atob(base64)
  const bytes = new Uint8Array(new ArrayBuffer(binary.length))
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}
