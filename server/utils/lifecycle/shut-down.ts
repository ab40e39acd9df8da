import type { Server } from 'node:http'
import { stopPgListener } from '../cluster/pg-listener'
import { closeDb } from '../db/connection'
import { forEachClient } from '../events/hub'
import { stopEventPruning } from '../events/prune-schedule'
import { closeKv } from '../storage/kv'
import { markShuttingDown } from './shutdown-state'

const GRACE_MS = 5000

export async function shutDown(server: Server | undefined): Promise<never> {
  markShuttingDown()
  console.log('[pulse] SIGTERM: closing streams and shutting down')
  const closed = new Promise<void>(resolve => server ? server.close(() => resolve()) : resolve())
  forEachClient(client => client.close('shutdown'))
  server?.closeIdleConnections()
  stopEventPruning()
  await Promise.race([closed, new Promise(resolve => setTimeout(resolve, GRACE_MS).unref())])
  await Promise.allSettled([stopPgListener(), closeKv()])
  await closeDb()
  process.exit(0)
}
