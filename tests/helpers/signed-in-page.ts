import type { BrowserContext, Page } from 'playwright-core'

/**
 * A page of `context` signed in as `token` at `url`'s origin: the session cookie the server sets at
 * sign-in (HttpOnly, Lax) in place of any other, without going through the form. The context's first
 * page if it has one (a persistent profile opens with one window), else a new one.
 */
export async function signedInPage(context: BrowserContext, url: string, token: string): Promise<Page> {
  await context.clearCookies()
  await context.addCookies([{ name: 'pulse_session', value: token, url, httpOnly: true, sameSite: 'Lax' }])
  return context.pages()[0] ?? await context.newPage()
}
