#!/usr/bin/env node
// Puts a backup in place of Pulse's embedded database (Pulse stopped): checks it first (SQLite's
// integrity check, Pulse's migrations), and keeps the replaced database beside it.
//   PULSE_DATA_DIR=./data npm run restore -- backups/pulse-today.sqlite
import { parseArgs } from 'node:util'
import { printTable } from '../bench/lib/table.mjs'
import { importServer, runScript } from './lib/server-modules.mjs'

await runScript(async () => {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } })
  if (values.help || positionals.length !== 1) {
    console.log('npm run restore -- FILE   (Pulse stopped; PULSE_DATA_DIR names the store, ./data by default)')
    if (!values.help)
      process.exitCode = 2
    return
  }
  const { useConfig } = await importServer('utils/config.ts')
  const { restoreSqlite } = await importServer('utils/backups/restore-sqlite.ts')
  const result = await restoreSqlite(positionals[0], useConfig().dataDir)
  console.log(`Restored ${positionals[0]} to ${result.restored} (integrity ok, migrations ${result.migrations.at(-1)})`)
  console.log(result.replaced ? `The database it replaced is kept as ${result.replaced}` : 'There was no database to replace.')
  printTable('rows by table', result.tables)
})
