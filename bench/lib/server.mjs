import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { sleep } from './clock.mjs'
import { freePort } from './free-port.mjs'
import { productionNodeFlags } from './node-flags.mjs'
import { ROOT } from './results.mjs'
import { exited, serverNode, spawnNode, terminate } from './spawn.mjs'

/** The production build to run: `--output-dir`, else PULSE_OUTPUT_DIR, else `.output`. */
export function resolveOutputDir(option) {
  return resolve(ROOT, option || process.env.PULSE_OUTPUT_DIR || '.output')
}

export function serverEntry(outputDir) {
  const entry = join(outputDir, 'server/index.mjs')
  if (!existsSync(entry))
    throw new Error(`${entry} is missing: build first (npm run build, or PULSE_OUTPUT_DIR=${outputDir} npx vite build)`)
  return entry
}

export function tempDir(prefix) {
  return mkdtempSync(join(tmpdir(), `pulse-bench-${prefix}-`))
}

/** Polls `url + path` until it answers 2xx; fails early if the child exits. */
export async function waitForHealth(url, child, describe, { path = '/api/health', timeoutMs = 30_000 } = {}) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`server exited (${child.exitCode ?? child.signalCode}):\n${describe()}`)
    try {
      const response = await fetch(`${url}${path}`)
      if (response.ok)
        return
    }
    catch {}
    await sleep(50)
  }
  throw new Error(`server did not become healthy in ${timeoutMs} ms:\n${describe()}`)
}

function readLog(logFile) {
  try {
    return readFileSync(logFile, 'utf8')
  }
  catch {
    return ''
  }
}

/**
 * Starts `node <outputDir>/server/index.mjs` (on `PULSE_TEST_NODE` when set) with production's Node flags on a free port of 127.0.0.1
 * with its own data dir (embedded SQLite unless `env.DATABASE_URL` says otherwise), the open-file limit
 * raised, and its output in `<dataDir>.log`. `nodeArgs` go after those flags, before the entry (e.g.
 * `--cpu-prof`); `waitForLog` (a RegExp) waits for a line of its output too. Returns the handle:
 * `stop(signal)` ends it, `restart()` starts it again on the same port, data and log, `dispose()` stops
 * it and removes the data.
 */
/** The stream limits of a benchmark server whose one store (and one session) opens `streams` streams. */
export function streamCaps(streams) {
  const value = String(streams)
  // Thousands of streams come from one loopback address: the per-address connection cap would refuse them.
  return { PULSE_STREAM_MAX_PER_STORE: value, PULSE_STREAM_MAX_PER_SESSION: value, PULSE_STREAM_MAX_PER_PRINCIPAL: value, PULSE_MAX_CONNECTIONS_PER_ADDRESS: '0' }
}

export async function startPulse({ outputDir, env = {}, dataDir, nodeArgs = [], keepData = false, waitForLog } = {}) {
  const entry = serverEntry(resolveOutputDir(outputDir))
  const port = await freePort()
  const dir = dataDir ?? tempDir('data')
  mkdirSync(dir, { recursive: true })
  const logFile = `${dir}.log`
  const url = `http://127.0.0.1:${port}`
  const fullEnv = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    PORT: String(port),
    HOST: '127.0.0.1',
    PULSE_DATA_DIR: dir,
    PULSE_DEMO: '0',
    ...env,
  }
  const output = () => readLog(logFile)
  const log = () => output().slice(-4000)
  let child

  async function launch() {
    const logFd = openSync(logFile, 'a')
    child = spawnNode([...productionNodeFlags(), ...nodeArgs, entry], { env: fullEnv, stdio: ['ignore', logFd, logFd] }, serverNode())
    closeSync(logFd)
    await waitForHealth(url, child, log)
  }

  await launch()
  // Some work (the demo seed) happens after the server answers: wait for the line that says it is done.
  if (waitForLog) {
    const deadline = Date.now() + 60_000
    while (!waitForLog.test(log())) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`server did not log ${waitForLog}:\n${log()}`)
      await sleep(50)
    }
  }
  return {
    url,
    port,
    dataDir: dir,
    env: fullEnv,
    logFile,
    get child() { return child },
    get pid() { return child.pid },
    /** The last 4,000 characters of the output, for error messages. */
    log,
    /** Everything the server printed since it first started. */
    output,
    exited: () => exited(child),
    stop: (signal = 'SIGTERM') => terminate(child, { signal }),
    restart: launch,
    /** Stops it with `signal` (SIGTERM lets a `--cpu-prof` profile be written) and removes its data. */
    async dispose(signal = 'SIGTERM') {
      await terminate(child, { signal })
      if (!keepData) {
        rmSync(dir, { recursive: true, force: true })
        rmSync(logFile, { force: true })
      }
    },
  }
}
