import { existsSync } from 'node:fs'
import { tempDir } from './server.mjs'

/** Debian's Chromium (`apt-get install -y chromium`), or CHROME_PATH. */
export function chromiumPath() {
  const path = process.env.CHROME_PATH || '/usr/bin/chromium'
  if (!existsSync(path))
    throw new Error(`${path} is missing: apt-get install -y chromium (or set CHROME_PATH)`)
  return path
}

/** The flags every benchmark gives Chromium: headless, no sandbox (root in a container), nothing in the background. */
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

/** A fresh, empty profile folder for one browser launch. */
export function freshProfile() {
  return tempDir('chromium-profile')
}
