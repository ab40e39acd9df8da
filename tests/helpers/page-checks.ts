import type { Locator, Page } from 'playwright-core'
import { expect } from 'vitest'

interface Box { x: number, y: number, width: number, height: number }

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
const contains = (outer: Box, inner: Box) => outer.x <= inner.x && outer.y <= inner.y && outer.x + outer.width >= inner.x + inner.width && outer.y + outer.height >= inner.y + inner.height

/** Console errors and uncaught exceptions of `page` from now on (read the array when it matters). */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error')
      errors.push(`console: ${message.text()}`)
  })
  page.on('pageerror', error => errors.push(`uncaught: ${error.message}`))
  return errors
}

/**
 * What a person would notice first on a page: each element named is visible, has a size, fits the
 * viewport's width, and no two of them overlap (one inside the other, a card and its figure, is fine).
 */
export async function expectLaidOut(page: Page, elements: Record<string, Locator>, where: string): Promise<void> {
  const { width } = page.viewportSize()!
  const boxes: Array<[string, Box]> = []
  const problems: string[] = []
  for (const [name, locator] of Object.entries(elements)) {
    const box = await locator.isVisible() ? await locator.boundingBox() : null
    if (!box || box.width === 0 || box.height === 0) {
      problems.push(`${name} is not visible`)
      continue
    }
    if (box.x < 0 || box.x + box.width > width + 0.5)
      problems.push(`${name} overflows the ${width} px viewport (${Math.round(box.x)}–${Math.round(box.x + box.width)})`)
    for (const [otherName, other] of boxes) {
      if (overlaps(box, other) && !contains(box, other) && !contains(other, box))
        problems.push(`${name} overlaps ${otherName}`)
    }
    boxes.push([name, box])
  }
  expect(problems, where).toEqual([])
}
