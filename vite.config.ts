/// <reference types="vitest/config" />
import type { PluginOption } from 'vite'
import { readFileSync } from 'node:fs'
import vue from '@vitejs/plugin-vue'
import { nitro } from 'nitro/vite'
import { defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'
import { directionOf, FALLBACK_LANGUAGE, LANGUAGES } from './app/i18n/languages.ts'
import { precompileMessages } from './vite.messages.ts'

// The Nitro plugin keeps vitest alive for ~10 s after the run: tests build the server separately.
const withServer = !process.env.VITEST
// Where Nitro serves static files from: the service worker and the manifest must land there too.
const publicOutDir = `${process.env.PULSE_OUTPUT_DIR || '.output'}/public`

const THEME = '#4338ca'

/**
 * The manifest's name and description: English by default (`lang`, `dir`), and each other language in the
 * `_localized` members of the W3C manifest (from app/locales/<lang>/language.json). No browser uses those
 * yet (Chromium tracks it as issue 380491647): until then an installed Pulse is named in English, while the
 * app inside follows the device's language.
 */
function manifestTexts() {
  const texts = Object.fromEntries(LANGUAGES.map((language) => {
    const { manifest } = JSON.parse(readFileSync(new URL(`./app/locales/${language}/language.json`, import.meta.url), 'utf8')) as { manifest: { name: string, description: string } }
    return [language, manifest]
  }))
  const others = LANGUAGES.filter(language => language !== FALLBACK_LANGUAGE)
  const localized = (field: 'name' | 'description') => Object.fromEntries(others.map(language => [language, { value: texts[language]![field], dir: directionOf(language) }]))
  return {
    lang: FALLBACK_LANGUAGE,
    dir: 'ltr' as const,
    name: texts[FALLBACK_LANGUAGE]!.name,
    description: texts[FALLBACK_LANGUAGE]!.description,
    name_localized: localized('name'),
    description_localized: localized('description'),
  }
}

/**
 * vite-plugin-pwa runs once per build environment under nitro(); if it also runs for the server build
 * it rewrites sw.js after Nitro recorded its size (a wrong Content-Length). Client environment only.
 */
function pwa(): PluginOption[] {
  return VitePWA({
    registerType: 'prompt',
    injectRegister: false,
    outDir: publicOutDir,
    includeAssets: ['favicon.svg', 'apple-touch-icon.png', 'badge-96x96.png'],
    manifest: {
      id: '/',
      ...manifestTexts(),
      short_name: 'Pulse',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      orientation: 'any',
      theme_color: THEME,
      background_color: '#ffffff',
      categories: ['business', 'finance'],
      icons: [
        { src: '/pwa-192x192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
        { src: '/pwa-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
        { src: '/maskable-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
    },
    workbox: {
      // json: each language's messages, so that the app opens offline in any of them.
      globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,json}'],
      navigateFallback: 'index.html',
      // The API and the event stream never get the app shell, and nothing of theirs is cached.
      navigateFallbackDenylist: [/^\/api\//],
      runtimeCaching: [],
      cleanupOutdatedCaches: true,
      // Web Push: `push` and `notificationclick` handlers, from a file (see public/push-sw.js).
      importScripts: ['/push-sw.js'],
    },
  }).map(plugin => ({ ...plugin, applyToEnvironment: (env: { name: string }) => env.name === 'client' }))
}

export default defineConfig(({ command }) => ({
  plugins: [
    vue(),
    precompileMessages(new URL('./app/locales', import.meta.url).pathname),
    ...(withServer ? [pwa(), nitro()] : []),
  ],
  // Setup stores and <script setup> only: Vue's Options API is left out of the client bundle.
  define: {
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    // vue-i18n: the Composition API only (its legacy API and devtools hooks left out of the bundle), and no
    // message compiler: messages arrive compiled (vite.messages.ts). Its one global component, <i18n-t>, is
    // registered by app/i18n, not by a full install (which adds <i18n-n>, <i18n-d> and v-t).
    __VUE_I18N_LEGACY_API__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
    __INTLIFY_DROP_MESSAGE_COMPILER__: 'true',
  },
  resolve: {
    alias: {
      '~shared': new URL('./shared', import.meta.url).pathname,
      '~server': new URL('./server', import.meta.url).pathname,
      // Pinia's bundler build leaves devtools code (its file saver) in a production bundle: 6.0 KB minified
      // against 3.6 KB from its own production build (0.9 KB gzip less on every page). Dev and tests keep
      // the bundler build for its warnings and devtools.
      ...(command === 'build' ? { pinia: new URL('./node_modules/pinia/dist/pinia.esm-browser.prod.js', import.meta.url).pathname } : {}),
    },
  },
  // The browser's build only (the server build has chunks of its own).
  environments: {
    client: {
      build: {
        // Vite's modulepreload polyfill is for browsers without <link rel="modulepreload"> (Safari before
        // 17, Firefox before 115): 0.2 KB gzip on every first load for them to fetch a lazy page's imports
        // a round trip sooner. They still load every import without it.
        modulePreload: { polyfill: false },
        rollupOptions: {
          output: {
            codeSplitting: {
              // Vue, the router and Pinia in one chunk that every page loads first: Rolldown otherwise
              // splits Vue's core from its DOM runtime between two chunks (a worse gzip of both: 0.4 KB
              // more on the analytics page), and an app change leaves this chunk cached. uPlot and
              // workbox-window stay lazy. shared/domain.ts (the lists, which the entry uses too) joins
              // it: Rolldown would otherwise give it a chunk of its own once pages import it directly
              // (0.24 KB gzip, one more request).
              groups: [{ name: 'framework', test: /node_modules[\\/](?:@vue|vue|vue-router|pinia|vue-i18n|@intlify)[\\/]|shared[\\/]domain\.ts$/ }],
            },
          },
        },
      },
    },
  },
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration files each start real servers; two cores run two files at a time.
    maxWorkers: 2,
  },
}))
