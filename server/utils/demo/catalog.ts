import type { DemoProduct } from '~shared/demo-catalog'
import { DEMO_CATALOG } from '~shared/demo-catalog'

export const DEMO_CUSTOMERS = ['Ava', 'Noah', 'Mia', 'Liam', 'Zoe', 'Omar', 'Lena', 'Kai', 'Ines', 'Theo', 'Sara', 'Yuki', null, null, null] as const

export function pickProduct(random: () => number): DemoProduct {
  const total = DEMO_CATALOG.reduce((sum, product) => sum + product.weight, 0)
  let roll = random() * total
  for (const product of DEMO_CATALOG) {
    roll -= product.weight
    if (roll < 0)
      return product
  }
  return DEMO_CATALOG[0]
}
