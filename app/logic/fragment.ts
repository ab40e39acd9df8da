/** Reads `name` from the page's fragment (`#token=…`), where secrets ride so they never reach a server log. */
export function readFragment(name: string): string {
  return new URLSearchParams(location.hash.slice(1)).get(name) ?? ''
}

/** Drops the fragment from the address bar and the history entry once read. */
export function clearFragment(): void {
  history.replaceState(history.state, '', location.pathname + location.search)
}
