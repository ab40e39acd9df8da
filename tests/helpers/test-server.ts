import type { Backend } from './databases'
import type { DbReader } from './db-reader'
import type { TestServer } from './server'
import { describe } from 'vitest'
import { BACKENDS } from './databases'
import { openDbReader } from './db-reader'
import { startServer } from './server'
import { useSuiteResource } from './suite-resource'

export interface TestServerOptions {
  /** Environment of the server on top of the test defaults (no demo store, a data dir of its own). */
  env?: Record<string, string>
  /** Also open a reader on the server's own database, as `ctx.db`. */
  db?: boolean
}

/** What a suite's tests use; read it inside hooks and tests only (it is filled by `beforeAll`). */
export interface TestServerContext {
  readonly backend: Backend
  readonly server: TestServer
  readonly db: DbReader
}

/**
 * Starts the production build on `backend` (a fresh database on PostgreSQL) before the suite's tests
 * and disposes of it after them; with `db`, also a reader on its database. Hooks the suite registers
 * after this call run once the server is up.
 */
export function useTestServer(backend: Backend, options: TestServerOptions = {}): TestServerContext {
  const server = useSuiteResource('the test server', () => startServer({ backend, env: options.env }), started => started.dispose())
  const db = options.db
    ? useSuiteResource('the database reader', () => openDbReader(server()), reader => reader.close())
    : () => { throw new Error('useTestServer was called without { db: true }') }
  return {
    backend,
    get server() { return server() },
    get db() { return db() },
  }
}

/** `describe` once per backend (`<name> on sqlite`, `<name> on postgres`), each suite on a server of its own. */
export function describeWithServer(name: string, body: (ctx: TestServerContext) => void, options: TestServerOptions = {}): void {
  describe.each(BACKENDS)(`${name} on %s`, (backend) => {
    body(useTestServer(backend, options))
  })
}
