import { describe } from 'vitest'
import { sqlKvDriver } from '~server/utils/storage/sql-kv-driver'
import { BACKENDS } from '../helpers/databases'
import { openMigratedDatabase } from '../helpers/migrated-database'
import { testStorageDriver } from '../helpers/storage-driver-contract'
import { useSuiteResource } from '../helpers/suite-resource'

// Pulse uses this driver on PostgreSQL without Redis; the `kv` table exists on SQLite too, so the
// contract runs there as well and keeps running where TEST_DATABASE_URL is not set.
describe.each(BACKENDS)('sql kv driver on %s', (backend) => {
  const database = useSuiteResource('the database', () => openMigratedDatabase(backend), opened => opened.dispose())
  testStorageDriver({ driver: () => sqlKvDriver(database().db) })
})
