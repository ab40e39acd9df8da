import type { Server } from 'node:http'
import { stopScheduledBackups } from '../backups/backup-schedule'
import { stopWakeUps } from '../cluster/wake-ups'
import { closeDb } from '../db/connection'
import { forEachClient } from '../events/hub'
import { markShuttingDown } from '../shutdown-state'
import { closeKv } from '../storage/kv'
import { stopEventPruning } from './prune-schedule'

const GRACE_MS = 5000

export async function shutDown(server: Server | undefined): Promise<never> {
  markShuttingDown()
  console.log('[pulse] SIGTERM: closing streams and shutting down')
  const closed = new Promise<void>(resolve => server ? server.close(() => resolve()) : resolve())
  forEachClient(client => client.close('shutdown'))
  stopEventPruning()
  // Ended streams leave keep-alive connections that turn idle a moment later: close them as they do.
  const sweep = setInterval(() => server?.closeIdleConnections(), 50)
  server?.closeIdleConnections()
  await Promise.race([closed, new Promise(resolve => setTimeout(resolve, GRACE_MS).unref())])
  clearInterval(sweep)
  await Promise.allSettled([stopWakeUps(), closeKv(), stopScheduledBackups()])
  await closeDb()
  process.exit(0)
}
