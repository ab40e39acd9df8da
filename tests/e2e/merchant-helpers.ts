import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import { chromium } from 'playwright-core'
import { Api } from '../helpers/api'
import { waitUntil } from '../helpers/wait'
import { CHROMIUM_ARGS } from './browser'

export { hasChromium } from './browser'
export const DEMO = { email: 'demo@pulse.local', password: 'pulse-demo' }

export const SIZES = {
  phone: { width: 360, height: 740 },
  tabletPortrait: { width: 820, height: 1180 },
  tabletLandscape: { width: 1180, height: 820 },
  desktop: { width: 1440, height: 900 },
} as const

/** One Chromium for a test file; each test opens contexts with its own zone, size and colour scheme. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true })
}

export async function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  // No service worker: these tests look at the page itself (the PWA's own tests cover the worker).
  return browser.newContext({ viewport: SIZES.desktop, serviceWorkers: 'block', ...options })
}

/** Signs in through the form and waits for the analytics page. */
export async function signIn(page: Page, baseUrl: string, credentials: { email: string, password: string }, path = '/'): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`)
  await page.getByLabel('Email').fill(credentials.email)
  await page.getByLabel('Password').fill(credentials.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL(`${baseUrl}/`)
  await page.getByTestId('live-badge').filter({ hasText: /^\s*Live\s*$/ }).waitFor()
  if (path !== '/')
    await page.goto(`${baseUrl}${path}`)
}

export interface Box { x: number, y: number, width: number, height: number }

export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

/** A client signed in as the demo store, once the server has seeded it (in the background after start). */
export async function demoApi(baseUrl: string): Promise<Api> {
  const api = new Api(baseUrl)
  const login = await waitUntil(async () => {
    const response = await api.post('/auth/login', DEMO)
    return response.status === 200 && response
  }, 'the demo store', 60_000)
  api.token = login.body.token
  return api
}
