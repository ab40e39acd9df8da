import { migrationProvider } from './migrations'

/** The names of Pulse's migrations, in the order they run. */
export async function migrationNames(): Promise<string[]> {
  return Object.keys(await migrationProvider.getMigrations()).sort()
}
