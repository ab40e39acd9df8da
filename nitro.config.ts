import { defineConfig } from 'nitro'

// PULSE_OUTPUT_DIR lets parallel builds (and their test runs) use separate folders; `.output` by default.
const outputDir = process.env.PULSE_OUTPUT_DIR || '.output'

export default defineConfig({
  serverDir: './server',
  errorHandler: './server/error.ts',
  compressPublicAssets: true,
  output: {
    dir: outputDir,
    serverDir: `${outputDir}/server`,
    publicDir: `${outputDir}/public`,
  },
})
