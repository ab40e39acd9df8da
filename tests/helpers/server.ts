import type { ChildProcess } from 'node:child_process'
import type { Backend } from './databases'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createTestDatabase } from './databases'
import { getFreePort } from './free-port'

export const SERVER_ENTRY = resolve(import.meta.dirname, '../..', process.env.PULSE_OUTPUT_DIR || '.output', 'server/index.mjs')

export interface TestServer {
  url: string
  port: number
  dataDir: string
  env: Record<string, string>
  process: ChildProcess
  /** Everything the server printed, for assertions on logs. */
  output: () => string
  /** Stops the server with a signal (SIGTERM by default; SIGKILL for crash tests). */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>
  /** Starts the same server again (same data dir, database and port). */
  restart: () => Promise<void>
  /** Stops the server and removes its data (and its PostgreSQL database). */
  dispose: () => Promise<void>
}

export interface StartOptions {
  backend?: Backend
  env?: Record<string, string>
  /** Reuse a database URL (for several instances of one cluster). */
  databaseUrl?: string
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 20_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`server exited with ${child.exitCode}:\n${output()}`)
    try {
      const response = await fetch(`${url}/api/health`)
      if (response.ok)
        return
    }
    catch {}
    await new Promise(r => setTimeout(r, 50))
  }
  throw new Error(`server did not become healthy:\n${output()}`)
}

/** Starts the production build on a free port with its own data dir (and database, on PostgreSQL). */
export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  if (!existsSync(SERVER_ENTRY))
    throw new Error('Build first: npm run build')
  const port = await getFreePort()
  const dataDir = mkdtempSync(join(tmpdir(), 'pulse-test-'))
  let database: { url: string, drop: () => Promise<void> } | undefined
  if (options.backend === 'postgres' && !options.databaseUrl)
    database = await createTestDatabase()
  const databaseUrl = options.databaseUrl ?? database?.url
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    PORT: String(port),
    HOST: '127.0.0.1',
    PULSE_DATA_DIR: dataDir,
    PULSE_DEMO: '0',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...options.env,
  }
  let log = ''
  let child!: ChildProcess
  const url = `http://127.0.0.1:${port}`
  const handle: TestServer = {
    url,
    port,
    dataDir,
    env,
    process: undefined as unknown as ChildProcess,
    output: () => log,
    stop,
    restart: launch,
    async dispose() {
      await stop('SIGKILL')
      rmSync(dataDir, { recursive: true, force: true })
      await database?.drop()
    },
  }
  async function launch(): Promise<void> {
    child = spawn(process.execPath, [SERVER_ENTRY], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    const append = (chunk: Buffer) => {
      log += chunk
    }
    child.stdout!.on('data', append)
    child.stderr!.on('data', append)
    handle.process = child
    await waitForHealth(url, child, () => log)
  }
  async function stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (child.exitCode !== null || child.signalCode !== null)
      return child.exitCode
    const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)))
    child.kill(signal)
    return exited
  }
  await launch()
  return handle
}
