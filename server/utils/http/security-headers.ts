import type { H3Event } from 'h3'
import { isHttps } from './client-address'

// The app loads only its own files: scripts, styles, fonts, images, the manifest, the service worker
// and its API. No inline <script> (the build emits none); styles only from files, since Vue and uPlot
// set element styles through the CSSOM, which CSP does not govern. `data:` and `blob:` images cover
// canvas exports and small inlined icons.
const APP_CSP = [
  `default-src 'self'`,
  `script-src 'self'`,
  `style-src 'self'`,
  `img-src 'self' data: blob:`,
  `font-src 'self'`,
  `connect-src 'self'`,
  `manifest-src 'self'`,
  `worker-src 'self'`,
  `object-src 'none'`,
  `base-uri 'self'`,
  `form-action 'self'`,
  `frame-ancestors 'none'`,
].join('; ')

// JSON is never a document: nothing may load from it, and no page may frame it.
const API_CSP = `default-src 'none'; frame-ancestors 'none'`

// Features the app never uses are switched off for it and anything it could embed. The Screen Wake Lock
// (the counter page) and notifications (not a policy-controlled feature) stay available.
const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'camera=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'usb=()',
  'interest-cohort=()',
  'screen-wake-lock=(self)',
].join(', ')

const HSTS = 'max-age=31536000; includeSubDomains'

// What every API response carries, over plain HTTP and over HTTPS: built once, not per response.
const API_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['x-content-type-options', 'nosniff'],
  ['referrer-policy', 'strict-origin-when-cross-origin'],
  ['x-frame-options', 'DENY'],
  ['content-security-policy', API_CSP],
  ['cache-control', 'no-store'],
]
const API_HEADERS_HTTPS: ReadonlyArray<readonly [string, string]> = [...API_HEADERS, ['strict-transport-security', HSTS]]

/** The browser protections of an API response (see setSecurityHeaders), for routes served outside h3. */
export function apiSecurityHeaders(https: boolean): ReadonlyArray<readonly [string, string]> {
  return https ? API_HEADERS_HTTPS : API_HEADERS
}

/**
 * Sets the browser protections of a response: CSP, nosniff, Referrer-Policy, Permissions-Policy, and
 * HSTS over HTTPS. API responses are `no-store` (they hold signed-in data) unless a route says otherwise.
 */
export function setSecurityHeaders(event: H3Event, { dev = false } = {}): void {
  const headers = event.res.headers
  if (event.url.pathname.startsWith('/api/')) {
    for (const [name, value] of apiSecurityHeaders(isHttps(event))) headers.set(name, value)
    return
  }
  headers.set('x-content-type-options', 'nosniff')
  headers.set('referrer-policy', 'strict-origin-when-cross-origin')
  headers.set('x-frame-options', 'DENY')
  if (isHttps(event))
    headers.set('strict-transport-security', HSTS)
  headers.set('permissions-policy', PERMISSIONS_POLICY)
  // Vite's dev server injects inline scripts and styles for hot reload: the CSP is for the build.
  if (!dev)
    headers.set('content-security-policy', APP_CSP)
}
