import type { H3Event } from 'h3'
import { deleteCookie, setCookie } from 'h3'
import { useConfig } from '../config'
import { SESSION_COOKIE } from './require-session'

function isHttps(event: H3Event): boolean {
  return event.url.protocol === 'https:' || event.req.headers.get('x-forwarded-proto') === 'https'
}

export function setSessionCookie(event: H3Event, token: string): void {
  setCookie(event, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: isHttps(event),
    path: '/',
    maxAge: Math.floor(useConfig().sessionTtlMs / 1000),
  })
}

export function clearSessionCookie(event: H3Event): void {
  deleteCookie(event, SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: isHttps(event), path: '/' })
}
