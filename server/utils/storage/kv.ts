import type { Redis } from 'ioredis'
import type { Storage } from 'unstorage'
import { join } from 'node:path'
import { createStorage } from 'unstorage'
import fsDriver from 'unstorage/drivers/fs'
import { useConfig } from '../config'
import { useConnection } from '../db/connection'
import { sqlKvDriver } from './sql-kv-driver'

let kv: Promise<Storage> | undefined

async function openKv(): Promise<Storage> {
  const { redisUrl, dataDir } = useConfig()
  if (!redisUrl) {
    const { db, dialect } = await useConnection()
    if (dialect === 'postgres')
      return createStorage({ driver: sqlKvDriver(db) })
    return createStorage({ driver: fsDriver({ base: join(dataDir, 'kv') }) })
  }
  return openRedisKv(redisUrl, useConfig().redisPrefix)
}

/** The key-value store in Redis at `url`, keys under `prefix` (also where db:copy puts sessions). */
export async function openRedisKv(url: string, prefix: string): Promise<Storage> {
  // Loaded only when configured, so the embedded path never needs Redis.
  const [{ default: redisDriver }, ioredis] = await Promise.all([import('unstorage/drivers/redis'), import('ioredis')])
  return createStorage({ driver: redisDriver({ url, base: prefix, lib: ioredis }) })
}

/**
 * Key-value state that is not relational (sessions, login counters): Redis when `REDIS_URL` is set,
 * so that every instance shares it; on PostgreSQL without Redis, a `kv` table that every instance
 * shares too; otherwise (embedded) files under `PULSE_DATA_DIR/kv`.
 */
export function useKv(): Promise<Storage> {
  kv ??= openKv()
  return kv
}

export async function closeKv(): Promise<void> {
  const current = kv
  kv = undefined
  await (await current)?.dispose()
}

/**
 * The Redis connection behind the key-value store (undefined without `REDIS_URL`), with the prefix
 * its keys carry, for what needs Redis's own atomic commands (attempt counters).
 */
export async function useRedis(): Promise<{ client: Redis, prefix: string } | undefined> {
  if (!useConfig().redisUrl)
    return undefined
  const driver = (await useKv()).getMount('').driver as { getInstance?: () => Promise<Redis> }
  return { client: await driver.getInstance!(), prefix: useConfig().redisPrefix }
}
