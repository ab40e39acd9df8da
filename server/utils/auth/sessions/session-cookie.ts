import type { H3Event } from 'h3'
import { deleteCookie, setCookie } from 'h3'
import { useConfig } from '../../config'
import { isHttps } from '../../http/client-address'
import { SESSION_COOKIE } from './require-session'

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
