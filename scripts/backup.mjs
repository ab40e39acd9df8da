#!/usr/bin/env node
// Copies Pulse's embedded database (PULSE_DATA_DIR/pulse.sqlite) to a file with SQLite's online backup
// API, while Pulse runs and writes; checks the copy and prints what it holds.
//   PULSE_DATA_DIR=./data npm run backup -- --to backups/pulse-today.sqlite
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { printTable } from '../bench/lib/table.mjs'
import { importServer, runScript } from './lib/server-modules.mjs'

await runScript(async () => {
  const { values } = parseArgs({ options: { to: { type: 'string' }, help: { type: 'boolean', short: 'h' } } })
  if (values.help || !values.to) {
    console.log('npm run backup -- --to FILE   (PULSE_DATA_DIR names the store, ./data by default)')
    if (!values.help)
      process.exitCode = 2
    return
  }
  const { useConfig } = await importServer('utils/config.ts')
  const { backupSqlite } = await importServer('utils/backups/backup-sqlite.ts')
  const source = join(useConfig().dataDir, 'pulse.sqlite')
  const result = await backupSqlite(source, resolve(values.to))
  console.log(`Backed up ${source} to ${result.file}: ${result.bytes} bytes in ${result.ms} ms, integrity ok, migrations ${result.migrations.at(-1)}`)
  printTable('rows by table', result.tables)
})
