/** The cursor of a stream over several stores as docs/api.md defines it (store id → seq). */
export function documentedCursor(positions: ReadonlyMap<string, number>): string
