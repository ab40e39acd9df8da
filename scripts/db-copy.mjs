#!/usr/bin/env node
// Copies Pulse's embedded database (PULSE_DATA_DIR: pulse.sqlite and the sessions in kv/) into an empty
// PostgreSQL database, then compares every table's counts and sums on both sides and prints them.
// Stop Pulse first; afterwards start it with DATABASE_URL set to the same URL (docs/deploy.md).
//   PULSE_DATA_DIR=./data npm run db:copy -- --to postgres://user@host:5432/pulse
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { printTable } from '../bench/lib/table.mjs'
import { importServer, runScript } from './lib/server-modules.mjs'

await runScript(async () => {
  const { values } = parseArgs({ options: {
    'to': { type: 'string' },
    'redis-url': { type: 'string', default: process.env.REDIS_URL },
    'batch': { type: 'string', default: '5000' },
    'help': { type: 'boolean', short: 'h' },
  } })
  if (values.help || !values.to) {
    console.log('npm run db:copy -- --to postgres://…  [--redis-url redis://… (sessions into Redis, as with REDIS_URL)] [--batch rows]')
    if (!values.help)
      process.exitCode = 2
    return
  }
  const { isPostgresUrl } = await importServer('utils/db/connection.ts')
  if (!isPostgresUrl(values.to))
    throw new Error('--to must be a postgres:// URL')
  const batchSize = Number(values.batch)
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new Error('--batch must be a positive whole number')
  const { useConfig } = await importServer('utils/config.ts')
  const { copyToPostgres } = await importServer('utils/db-copy/copy-to-postgres.ts')
  const { dataDir } = useConfig()
  const report = await copyToPostgres({
    sqliteFile: join(dataDir, 'pulse.sqlite'),
    kvDir: join(dataDir, 'kv'),
    targetUrl: values.to,
    redisUrl: values['redis-url'] || undefined,
    batchSize,
    log: line => console.log(line),
  })
  console.log()
  const copied = new Map(report.tables.map(table => [table.table, table]))
  // Every column is compared; the sums of numbers are printed (text lengths would only fill the screen).
  printTable('counts and sums, SQLite and PostgreSQL', report.comparisons.map(row => ({
    table: row.table,
    sqliteRows: row.sqlite.rows,
    postgresRows: row.postgres.rows,
    same: row.same ? 'yes' : 'NO',
    ms: copied.get(row.table)?.ms ?? 0,
    sums: Object.entries(row.postgres.sums).filter(([label, value]) => label.startsWith('sum(') && value !== null).map(([label, value]) => `${label}=${value}`).join(' ') || '-',
  })))
  if (report.sequences.length > 0)
    console.log(`sequences restarted: ${report.sequences.join(', ')}`)
  if (report.kv)
    console.log(`sessions and other key-value entries: ${report.kv.copied} copied, ${report.kv.expired} expired left behind`)
  const different = report.comparisons.filter(row => !row.same)
  if (different.length > 0)
    throw new Error(`the copy differs in ${different.map(row => row.table).join(', ')}`)
  console.log(`Copied in ${(report.ms / 1000).toFixed(1)} s. Start Pulse with DATABASE_URL=${values.to.replace(/\/\/[^@/]*@/, '//…@')}`)
})
