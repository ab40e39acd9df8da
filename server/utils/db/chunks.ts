// Large writes (seeds, imports, a group commit's events) stay under SQLite's and PostgreSQL's limits on
// bound parameters per statement.
export function* chunks<T>(rows: T[], size = 500): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size)
}
