export interface Product { name: string, sku: string, unitPriceCents: number, weight: number }

/** What Demo Coffee sells, with how often each is ordered relative to the others. */
export const DEMO_CATALOG: readonly Product[] = [
  { name: 'Latte', sku: 'LAT', unitPriceCents: 450, weight: 10 },
  { name: 'Cappuccino', sku: 'CAP', unitPriceCents: 425, weight: 8 },
  { name: 'Espresso', sku: 'ESP', unitPriceCents: 300, weight: 6 },
  { name: 'Flat White', sku: 'FLW', unitPriceCents: 440, weight: 6 },
  { name: 'Cold Brew', sku: 'CBR', unitPriceCents: 475, weight: 5 },
  { name: 'Chai Latte', sku: 'CHA', unitPriceCents: 460, weight: 4 },
  { name: 'Hot Chocolate', sku: 'HCH', unitPriceCents: 400, weight: 3 },
  { name: 'Croissant', sku: 'CRO', unitPriceCents: 350, weight: 6 },
  { name: 'Blueberry Muffin', sku: 'MUF', unitPriceCents: 325, weight: 4 },
  { name: 'Bagel', sku: 'BAG', unitPriceCents: 300, weight: 3 },
  { name: 'Coffee Beans 250 g', sku: 'BNS', unitPriceCents: 1600, weight: 1 },
]

export const DEMO_CUSTOMERS = ['Ava', 'Noah', 'Mia', 'Liam', 'Zoe', 'Omar', 'Lena', 'Kai', 'Ines', 'Theo', 'Sara', 'Yuki', null, null, null] as const

export function pickProduct(random: () => number): Product {
  const total = DEMO_CATALOG.reduce((sum, product) => sum + product.weight, 0)
  let roll = random() * total
  for (const product of DEMO_CATALOG) {
    roll -= product.weight
    if (roll < 0)
      return product
  }
  return DEMO_CATALOG[0]
}
