// What Demo Coffee sells: the demo store's seed (which writes it into the store's product catalogue), the
// simulator and the benchmarks' bulk loads all read `demo-catalog.json` (plain JSON, so that the benchmarks' `.mjs` can import it too).
import catalog from './demo-catalog.json'

export interface DemoProduct {
  name: string
  sku: string
  unitPriceCents: number
  category: string
  /** How often it is ordered relative to the others. */
  weight: number
}

export const DEMO_CATALOG: readonly DemoProduct[] = catalog
