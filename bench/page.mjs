// page: Lighthouse 12.2.3 (mobile emulation, its default) with Debian's Chromium on the sign-in page and
// on the signed-in analytics page (demo store): performance, accessibility and best-practices scores,
// plus the gzip size of the JavaScript and CSS the page loads on a first visit (cold cache; requests
// of the page, not of its service worker's precache). Baseline in the same run: the sign-in page, the
// lightest page of the app. Usage: npm run bench:page [-- --runs 3 --smoke]
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import lighthouse from 'lighthouse'
import { readOptions } from './lib/args.mjs'
import { launchChromium } from './lib/chromium-process.mjs'
import { createClient } from './lib/http.mjs'
import { DEMO, DEMO_READY, login } from './lib/pulse-api.mjs'
import { goal, writeResults } from './lib/results.mjs'
import { startPulse } from './lib/server.mjs'
import { ratio, round } from './lib/stats.mjs'
import { printTable } from './lib/table.mjs'

const options = readOptions({
  'runs': { type: 'number', default: 3, smoke: 1 },
  'pages': { type: 'string', default: 'sign-in,analytics', smoke: 'sign-in' },
  // A directory to keep each run's full Lighthouse report in (for long tasks, bootup-time, unused JS).
  'lhr-dir': { type: 'string' },
})
const PAGES = options.pages.split(',').map(p => p.trim())
const CATEGORIES = ['performance', 'accessibility', 'best-practices']
const KB = 1024

/** Downloads a resource and gzips it (level 9): the size a gzip-serving server would send. */
async function gzipSize(url, headers) {
  const response = await fetch(url, { headers })
  const body = Buffer.from(await response.arrayBuffer())
  return { bytes: body.length, gzip: gzipSync(body, { level: 9 }).length }
}

async function audit(url, extraHeaders) {
  const chromium = await launchChromium()
  try {
    const result = await lighthouse(url, { port: chromium.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES, extraHeaders }, undefined)
    return result.lhr
  }
  finally {
    await chromium.stop()
  }
}

async function measurePage(name, url, extraHeaders, origin) {
  const runs = []
  for (let i = 0; i < options.runs; i++) {
    const lhr = await audit(url, extraHeaders)
    if (lhr.runtimeError)
      console.warn(`[${name}] Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`)
    runs.push(lhr)
    if (options.lhrDir) {
      mkdirSync(options.lhrDir, { recursive: true })
      writeFileSync(join(options.lhrDir, `${name.split(' ')[0]}-${i + 1}.json`), JSON.stringify(lhr))
    }
  }
  // The median run by performance score stands for the page; the others are kept for their scores.
  const sorted = [...runs].sort((a, b) => (a.categories.performance.score ?? 0) - (b.categories.performance.score ?? 0))
  const lhr = sorted[Math.floor(sorted.length / 2)]
  const items = lhr.audits['network-requests']?.details?.items ?? []
  const fromPage = items.filter(item => !item.sessionTargetType || item.sessionTargetType === 'page')
  const assets = []
  for (const item of fromPage) {
    if (item.resourceType !== 'Script' && item.resourceType !== 'Stylesheet')
      continue
    const size = item.url.startsWith(origin) ? await gzipSize(item.url, extraHeaders) : { bytes: item.resourceSize, gzip: Number.NaN }
    assets.push({ url: item.url.replace(origin, ''), type: item.resourceType, transferSize: item.transferSize, ...size })
  }
  const sum = (type, field) => assets.filter(a => a.type === type).reduce((total, a) => total + a[field], 0)
  const metric = id => lhr.audits[id]?.numericValue
  return {
    name,
    url: url.replace(origin, ''),
    finalUrl: (lhr.finalDisplayedUrl ?? lhr.finalUrl ?? '').replace(origin, ''),
    scores: Object.fromEntries(CATEGORIES.map(c => [c, Math.round((lhr.categories[c]?.score ?? Number.NaN) * 100)])),
    scoresPerRun: runs.map(r => Object.fromEntries(CATEGORIES.map(c => [c, Math.round((r.categories[c]?.score ?? Number.NaN) * 100)]))),
    metrics: { fcpMs: metric('first-contentful-paint'), lcpMs: metric('largest-contentful-paint'), tbtMs: metric('total-blocking-time'), cls: metric('cumulative-layout-shift'), speedIndexMs: metric('speed-index') },
    js: { files: assets.filter(a => a.type === 'Script').length, bytes: sum('Script', 'bytes'), gzipBytes: sum('Script', 'gzip'), transferBytes: sum('Script', 'transferSize') },
    css: { files: assets.filter(a => a.type === 'Stylesheet').length, bytes: sum('Stylesheet', 'bytes'), gzipBytes: sum('Stylesheet', 'gzip'), transferBytes: sum('Stylesheet', 'transferSize') },
    serviceWorkerRequests: items.length - fromPage.length,
    failedAudits: Object.values(lhr.audits).filter(a => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'notApplicable' && a.scoreDisplayMode !== 'manual').map(a => ({ id: a.id, score: a.score, displayValue: a.displayValue })).slice(0, 30),
    assets,
    diagnostics: {
      bootup: (lhr.audits['bootup-time']?.details?.items ?? []).slice(0, 6).map(i => ({ url: String(i.url).replace(origin, ''), totalMs: i.total, scriptingMs: i.scripting })),
      mainThread: (lhr.audits['mainthread-work-breakdown']?.details?.items ?? []).map(i => ({ group: i.groupLabel ?? i.group, ms: i.duration })),
      longTasks: (lhr.audits['long-tasks']?.details?.items ?? []).slice(0, 8).map(i => ({ url: String(i.url).replace(origin, ''), startMs: i.startTime, ms: i.duration })),
      consoleErrors: (lhr.audits['errors-in-console']?.details?.items ?? []).map(i => ({ source: i.source, description: i.description, url: String(i.sourceLocation?.url ?? i.url ?? '').replace(origin, '') })),
      layoutShifts: (lhr.audits['layout-shifts']?.details?.items ?? []).slice(0, 5).map(i => ({ node: i.node?.snippet ?? i.node?.selector, score: i.score })),
      bfCache: (lhr.audits['bf-cache']?.details?.items ?? []).map(i => i.reason),
    },
    lighthouseVersion: lhr.lighthouseVersion,
    userAgent: lhr.environment?.hostUserAgent,
    // Lighthouse's own CPU benchmark of this machine during the run (its docs treat < ~1000 as underpowered).
    benchmarkIndex: lhr.environment?.benchmarkIndex,
    runtimeError: lhr.runtimeError ?? null,
  }
}

async function main() {
  const server = await startPulse({ outputDir: options.outputDir, env: { PULSE_DEMO: '1' }, waitForLog: DEMO_READY })
  const api = createClient(server.url, { sockets: 1 })
  try {
    const { token } = await login(api, DEMO.email, DEMO.password)
    const signIn = PAGES.includes('sign-in') ? await measurePage('sign-in', `${server.url}/sign-in`, {}, server.url) : undefined
    // Signed in as the demo store: Lighthouse resets storage before loading, so the session cookie goes as a header.
    const analytics = PAGES.includes('analytics') ? await measurePage('analytics (signed in)', `${server.url}/`, { Cookie: `pulse_session=${token}` }, server.url) : undefined
    const pages = [signIn, analytics].filter(Boolean)
    const rows = pages.map(p => ({
      'page': p.name,
      'final URL': p.finalUrl,
      'performance': p.scores.performance,
      'accessibility': p.scores.accessibility,
      'best practices': p.scores['best-practices'],
      'LCP ms': p.metrics.lcpMs,
      'TBT ms': p.metrics.tbtMs,
      'JS files': p.js.files,
      'JS KB gzip': p.js.gzipBytes / KB,
      'JS KB raw': p.js.bytes / KB,
      'CSS KB gzip': p.css.gzipBytes / KB,
      'JS KB sent': p.js.transferBytes / KB,
    }))
    if (signIn && analytics)
      rows.push({ 'page': 'analytics/sign-in', 'performance': ratio(analytics.scores.performance, signIn.scores.performance), 'LCP ms': ratio(analytics.metrics.lcpMs, signIn.metrics.lcpMs), 'JS KB gzip': ratio(analytics.js.gzipBytes, signIn.js.gzipBytes), 'CSS KB gzip': ratio(analytics.css.gzipBytes, signIn.css.gzipBytes) })
    printTable(`page: Lighthouse ${pages[0].lighthouseVersion}, mobile emulation, median of ${options.runs} run(s) by performance; gzip = level 9 of the files the page loaded`, rows)
    const lowest = Math.min(...pages.flatMap(p => CATEGORIES.map(c => p.scores[c])))
    const heaviestJs = Math.max(...pages.map(p => p.js.gzipBytes))
    writeResults('page', {
      out: options.out,
      options,
      results: { pages, chromium: 'Debian Chromium (CHROME_PATH or /usr/bin/chromium), flags of bench/lib/chromium.mjs, fresh profile per run' },
      goals: [
        goal('≥ 95 in performance, accessibility and best practices on both pages', lowest, lowest >= 95),
        goal('≤ 80 KB of gzip JavaScript on first load', round(heaviestJs / KB), heaviestJs <= 80 * KB),
      ],
    })
  }
  finally {
    api.close()
    await server.dispose()
  }
}

main().then(() => process.exit(0), (error) => {
  console.error(error)
  process.exit(1)
})
