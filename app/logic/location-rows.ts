import type { LocationFigures, Locations, ReportRange, StreamEvent, Summary } from '~shared/types/api'
import { currencyTotals, sortLocations } from '~shared/locations'
import { applyEvent, dataFromSnapshot } from './apply-event'

/** A row as the summary it is a part of, so that events move it with the analytics page's logic. */
function asSummary(row: LocationFigures, range: ReportRange): Summary {
  return {
    range,
    from: row.from,
    to: row.to,
    currency: row.currency,
    lastSeq: row.lastSeq,
    revenueCents: row.revenueCents,
    orderCount: row.orderCount,
    orderTotalCents: row.orderTotalCents,
    grossSalesCents: row.orderTotalCents,
    averageOrderValueCents: row.averageOrderValueCents,
    pendingOrderCount: row.pendingOrderCount,
    // Not shown on a row: moved along, never read back.
    paidOrderCount: 0,
    cancelledOrderCount: 0,
    refundedCents: 0,
    byMethod: [],
  }
}

export interface RowsUpdate {
  locations: Locations
  /** The stores whose rows the events cannot move (a gap in their seqs, a new day): read them again. */
  reread: string[]
}

/** The locations with rows and totals in the server's order (by revenue; totals by currency). */
export function arrangeLocations(range: ReportRange, rows: readonly LocationFigures[]): Locations {
  const stores = sortLocations(rows)
  return { range, stores, totals: currencyTotals(stores) }
}

/**
 * What a live event does to the All locations figures: its store's row moves as that store's summary
 * would (applyEvent), the order and the per-currency totals follow. An event of a store not shown (one
 * whose analytics this role may not read) changes nothing.
 */
export function applyToLocations(locations: Locations, event: StreamEvent): RowsUpdate {
  const row = locations.stores.find(candidate => candidate.storeId === event.storeId)
  if (!row)
    return { locations, reread: [] }
  const result = applyEvent(dataFromSnapshot(asSummary(row, locations.range), null, null), event)
  if (result.outcome === 'refetch')
    return { locations, reread: [row.storeId] }
  const { summary } = result.data
  if (summary.lastSeq === row.lastSeq && result.outcome === 'ignored')
    return { locations, reread: [] }
  const moved: LocationFigures = {
    ...row,
    revenueCents: summary.revenueCents,
    orderCount: summary.orderCount,
    orderTotalCents: result.data.orderTotalCents,
    averageOrderValueCents: summary.averageOrderValueCents,
    pendingOrderCount: summary.pendingOrderCount,
    lastSeq: summary.lastSeq,
  }
  return { locations: arrangeLocations(locations.range, locations.stores.map(candidate => candidate === row ? moved : candidate)), reread: [] }
}

/** After a read: the events that arrived while it was in flight, in seq order per store. */
export function replayOnLocations(locations: Locations, events: readonly StreamEvent[]): RowsUpdate {
  let current = locations
  const rereads = new Set<string>()
  for (const event of [...events].sort((a, b) => a.seq - b.seq)) {
    const update = applyToLocations(current, event)
    current = update.locations
    update.reread.forEach(storeId => rereads.add(storeId))
  }
  return { locations: current, reread: [...rereads] }
}
