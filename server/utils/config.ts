import { resolve } from 'node:path'

export function readInt(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '')
    return fallback
  const value = Number(raw)
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`${name} must be a non-negative number, got "${raw}"`)
  return value
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }

/** Parses "7d", "12h", "30m", "10s", "500ms" or a bare number of milliseconds. */
export function parseDuration(raw: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|[smhd])?$/.exec(raw.trim())
  if (!match)
    throw new Error(`Invalid duration "${raw}" (use e.g. 7d, 12h, 30m, 10s or milliseconds)`)
  return Math.round(Number(match[1]) * DURATION_UNITS[match[2] ?? 'ms'])
}

export interface PushConfig {
  /** `PULSE_PUSH_ALLOW_INSECURE_ENDPOINTS=1`: tests only — also accept `http://` endpoints on loopback. */
  allowInsecureEndpoints: boolean
  /** `PULSE_PUSH_WORKER=0`: this instance takes subscriptions but sends nothing (another instance does). */
  worker: boolean
  /** Safety-net poll of the log and the outbox, besides the wake-up on every commit. */
  pollMs: number
  /** How long an instance holds a claimed push; past it another instance may send it again. */
  leaseMs: number
  /** How long a send may take, connection to last byte of the answer; then it counts as no answer. */
  sendTimeoutMs: number
  /** Sends in flight at once to one push service host (host:port). */
  hostConcurrency: number
  /** Pushes claimed and not yet finished on this instance; past it the worker claims no more until some finish. */
  maxInFlight: number
  retryBaseMs: number
  maxAttempts: number
  vapidSubject: string
  /** Both or neither: unset, the pair is made on the first start and kept in the database. */
  vapidPublicKey: string | undefined
  vapidPrivateKey: string | undefined
}

export interface PulseConfig {
  /** The port the server listens on, as Nitro reads it (only printed: Nitro binds it). */
  port: string
  dataDir: string
  databaseUrl: string | undefined
  redisUrl: string | undefined
  /** Prefix of every key Pulse keeps in Redis, so that several deployments can share one server. */
  redisPrefix: string
  /** Connections in the PostgreSQL pool of this instance. */
  pgPoolSize: number
  demo: boolean
  heartbeatMs: number
  eventRetentionMs: number
  streamMaxBuffer: number
  streamMaxPerStore: number
  streamMaxPerSession: number
  streamMaxPerPrincipal: number
  metricsToken: string | undefined
  loginMaxFailures: number
  loginWindowMs: number
  pairMaxFailures: number
  sessionTtlMs: number
  registerMaxPerHour: number
  trustProxy: boolean
  requestTimeoutMs: number
  /** Orders exports running at once per store / per instance. */
  exportsPerStore: number
  exportsPerInstance: number
  /** Event-log replays (a stream resuming from an old seq) running at once per store / per instance. */
  replaysPerStore: number
  replaysPerInstance: number
  /** A connection that sends no byte in this time is closed (0: never). */
  firstByteTimeoutMs: number
  /** Open connections per peer address before `503` (0: no cap). */
  maxConnectionsPerAddress: number
  natsUrl: string | undefined
  wakeUpSweepMs: number
  /** The origin merchants reach Pulse at (webhook URLs); unset, each request's own. */
  publicUrl: string | undefined
  /** Where scheduled backups go (SQLite only); unset, none are made. */
  backupDir: string | undefined
  backupEveryMs: number
  backupKeep: number
  /** Tests only: where each platform's API is reached for the history import (unset: the platform's own). */
  apiBases: { stripe: string | undefined, shopify: string | undefined, square: string | undefined, woocommerce: string | undefined }
  push: PushConfig
  /** Tests only: a request's `X-Pulse-Test-Now` header is "now" for its writes and figures. */
  testClock: boolean
  /** Tests only: a file holding how many milliseconds the push worker's clock runs ahead. */
  testClockFile: string | undefined
}

let cached: PulseConfig | undefined

export function useConfig(): PulseConfig {
  cached ??= {
    port: process.env.PORT || process.env.NITRO_PORT || '3000',
    dataDir: resolve(process.env.PULSE_DATA_DIR || './data'),
    databaseUrl: process.env.DATABASE_URL || undefined,
    redisUrl: process.env.REDIS_URL || undefined,
    redisPrefix: process.env.PULSE_REDIS_PREFIX || 'pulse',
    pgPoolSize: Math.max(1, readInt('PULSE_PG_POOL_SIZE', 10)),
    demo: process.env.PULSE_DEMO !== '0',
    heartbeatMs: readInt('PULSE_HEARTBEAT_MS', 30_000),
    eventRetentionMs: parseDuration(process.env.PULSE_EVENT_RETENTION || '7d'),
    streamMaxBuffer: readInt('PULSE_STREAM_MAX_BUFFER', 1024 * 1024),
    streamMaxPerStore: readInt('PULSE_STREAM_MAX_PER_STORE', 50),
    streamMaxPerSession: readInt('PULSE_STREAM_MAX_PER_SESSION', 5),
    streamMaxPerPrincipal: readInt('PULSE_STREAM_MAX_PER_PRINCIPAL', 10),
    metricsToken: process.env.PULSE_METRICS_TOKEN || undefined,
    loginMaxFailures: readInt('PULSE_LOGIN_MAX_FAILURES', 10),
    loginWindowMs: readInt('PULSE_LOGIN_WINDOW_MS', 15 * 60_000),
    pairMaxFailures: readInt('PULSE_PAIR_MAX_FAILURES', 500),
    sessionTtlMs: readInt('PULSE_SESSION_TTL_MS', 30 * 86_400_000),
    registerMaxPerHour: readInt('PULSE_REGISTER_MAX_PER_HOUR', 10),
    trustProxy: process.env.PULSE_TRUST_PROXY === '1',
    requestTimeoutMs: readInt('PULSE_REQUEST_TIMEOUT_MS', 30_000),
    exportsPerStore: Math.max(1, readInt('PULSE_EXPORTS_PER_STORE', 1)),
    exportsPerInstance: Math.max(1, readInt('PULSE_EXPORTS_PER_INSTANCE', 4)),
    replaysPerStore: Math.max(1, readInt('PULSE_REPLAYS_PER_STORE', 2)),
    replaysPerInstance: Math.max(1, readInt('PULSE_REPLAYS_PER_INSTANCE', 16)),
    firstByteTimeoutMs: readInt('PULSE_FIRST_BYTE_TIMEOUT_MS', 10_000),
    // Behind a proxy every connection comes from the proxy: no cap by default (the proxy limits clients).
    maxConnectionsPerAddress: readInt('PULSE_MAX_CONNECTIONS_PER_ADDRESS', process.env.PULSE_TRUST_PROXY === '1' ? 0 : 256),
    natsUrl: process.env.PULSE_NATS_URL || undefined,
    wakeUpSweepMs: readInt('PULSE_NATS_SWEEP_MS', 5000),
    publicUrl: process.env.PULSE_PUBLIC_URL?.replace(/\/+$/, '') || undefined,
    backupDir: process.env.PULSE_BACKUP_DIR ? resolve(process.env.PULSE_BACKUP_DIR) : undefined,
    backupEveryMs: parseDuration(process.env.PULSE_BACKUP_EVERY || '6h'),
    backupKeep: readInt('PULSE_BACKUP_KEEP', 14),
    apiBases: {
      stripe: process.env.PULSE_STRIPE_API_BASE || undefined,
      shopify: process.env.PULSE_SHOPIFY_API_BASE?.replace(/\/+$/, '') || undefined,
      square: process.env.PULSE_SQUARE_API_BASE?.replace(/\/+$/, '') || undefined,
      woocommerce: process.env.PULSE_WOOCOMMERCE_API_BASE?.replace(/\/+$/, '') || undefined,
    },
    push: {
      allowInsecureEndpoints: process.env.PULSE_PUSH_ALLOW_INSECURE_ENDPOINTS === '1',
      worker: process.env.PULSE_PUSH_WORKER !== '0',
      pollMs: readInt('PULSE_PUSH_POLL_MS', 15_000),
      leaseMs: readInt('PULSE_PUSH_LEASE_MS', 60_000),
      sendTimeoutMs: readInt('PULSE_PUSH_SEND_TIMEOUT_MS', 5000),
      hostConcurrency: Math.max(1, readInt('PULSE_PUSH_HOST_CONCURRENCY', 8)),
      maxInFlight: Math.max(1, readInt('PULSE_PUSH_MAX_IN_FLIGHT', 200)),
      retryBaseMs: readInt('PULSE_PUSH_RETRY_BASE_MS', 1000),
      maxAttempts: readInt('PULSE_PUSH_MAX_ATTEMPTS', 10),
      vapidSubject: process.env.PULSE_VAPID_SUBJECT || 'mailto:push@pulse.invalid',
      vapidPublicKey: process.env.PULSE_VAPID_PUBLIC_KEY || undefined,
      vapidPrivateKey: process.env.PULSE_VAPID_PRIVATE_KEY || undefined,
    },
    testClock: process.env.PULSE_TEST_CLOCK === '1',
    testClockFile: process.env.PULSE_TEST_CLOCK_FILE || undefined,
  }
  return cached
}

/** The push part of the configuration. */
export function usePushConfig(): PushConfig {
  return useConfig().push
}
