import type { BrowserContext, Page } from 'playwright-core'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium } from 'playwright-core'

export const SCREENSHOTS = resolve(import.meta.dirname, 'screenshots')

// Locally without Chromium the suites are skipped (apt-get install -y chromium); in CI they must run.
export const hasChromium = existsSync(process.env.CHROMIUM_PATH || '/usr/bin/chromium') || !!process.env.CI

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export interface TestBrowser {
  context: BrowserContext
  /** The window a persistent context opens with (a new one if it has none): one tab, as a merchant has. */
  firstPage: () => Promise<Page>
  close: () => Promise<void>
}

/** Debian's Chromium with a fresh profile (its own service workers, IndexedDB and cookies). */
export async function launchBrowser(): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'pulse-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1280, height: 800 },
    serviceWorkers: 'allow',
  })
  return {
    context,
    firstPage: async () => context.pages()[0] ?? await context.newPage(),
    async close() {
      await context.close().catch(() => {})
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage })
}

/** Suites written before tests/helpers/wait.ts import it under this name. */
