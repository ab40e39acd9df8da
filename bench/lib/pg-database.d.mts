/** Creates a fresh PostgreSQL database through `adminUrl`, named `<prefix>_<random>`: its URL, and `drop()`. */
export function createDatabase(adminUrl: string, prefix: string): Promise<{ url: string, drop: () => Promise<void> }>
/** Runs `run(url)` on a fresh PostgreSQL database created through `adminUrl`, and drops it after. */
export function withDatabase<T>(adminUrl: string, run: (url: string) => Promise<T>): Promise<T>
