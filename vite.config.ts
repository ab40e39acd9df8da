/// <reference types="vitest/config" />
import vue from '@vitejs/plugin-vue'
import { nitro } from 'nitro/vite'
import { defineConfig } from 'vite'

// The Nitro plugin keeps vitest alive for ~10 s after the run: tests build the server separately.
const withServer = !process.env.VITEST

export default defineConfig({
  plugins: [
    vue(),
    ...(withServer ? [nitro()] : []),
  ],
  resolve: {
    alias: {
      '~shared': new URL('./shared', import.meta.url).pathname,
      '~server': new URL('./server', import.meta.url).pathname,
    },
  },
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration files each start real servers; two cores run two files at a time.
    maxWorkers: 2,
  },
})
