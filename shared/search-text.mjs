// Plain JavaScript (with search-text.d.mts) so that the benchmarks' bulk loads, in .mjs, write the same
// text as the server.

/**
 * What the server matches an orders search's text against, kept on each order (`orders.search_text`):
 * its customer's name and its items' names, lower case, one per line (a search never spans two of them).
 */
export function orderSearchText(customerName, itemNames) {
  return [customerName ?? '', ...itemNames].filter(Boolean).join('\n').toLowerCase()
}
