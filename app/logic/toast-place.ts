/** A rectangle in viewport pixels. */
export interface Rect { x: number, y: number, width: number, height: number }

export const TOAST_MARGIN = 12
const STEP = 8

export function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

export interface PlaceInput {
  viewport: { width: number, height: number }
  /** The toast's size. */
  size: { width: number, height: number }
  /** Where toasts may not go: every interactive control on screen, the focused element, the header. */
  obstacles: readonly Rect[]
  /** Phones and tablets look at the bottom first (near the thumb, away from the page's title); desktops under the header. */
  preferBottom: boolean
  /** The lowest `y` a toast may take (below the header). */
  top: number
  /**
   * A right-to-left page: after the centre, the left edge (where its lines end) comes before the right.
   * @default false
   */
  rtl?: boolean
}

/**
 * Where a toast can stand without covering any control or the focused element: the first free spot,
 * scanning rows from the preferred edge (centre, then the end of a line, then its start), or null when there is none (the
 * toast is then only announced, by the live region).
 */
export function placeToast({ viewport, size, obstacles, preferBottom, top, rtl = false }: PlaceInput): { x: number, y: number } | null {
  const minY = Math.max(top, TOAST_MARGIN)
  const maxY = viewport.height - TOAST_MARGIN - size.height
  if (maxY < minY)
    return null
  const start = TOAST_MARGIN
  const end = viewport.width - TOAST_MARGIN - size.width
  const xs = [(viewport.width - size.width) / 2, ...(rtl ? [start, end] : [end, start])]
    .map(Math.round)
    .filter((x, i, all) => all.indexOf(x) === i && x >= 0)
  const rows: number[] = []
  for (let offset = 0; offset <= maxY - minY; offset += STEP)
    rows.push(preferBottom ? maxY - offset : minY + offset)
  for (const y of rows) {
    for (const x of xs) {
      const box = { x, y, ...size }
      if (!obstacles.some(obstacle => intersects(box, obstacle)))
        return { x, y }
    }
  }
  return null
}

const CONTROLS = 'a[href],button,input,select,textarea,summary,label,[tabindex]:not([tabindex="-1"]),[role="button"],[role="switch"],[role="tab"],[contenteditable="true"]'

/** The obstacles of the page as it is now, outside `region` (the toasts' own). */
export function pageObstacles(region: Element, doc: Document = document): Rect[] {
  const elements = [...doc.querySelectorAll(CONTROLS)]
  const header = doc.querySelector('.app-header')
  if (header)
    elements.push(header)
  if (doc.activeElement && doc.activeElement !== doc.body)
    elements.push(doc.activeElement)
  const rects: Rect[] = []
  for (const element of elements) {
    if (region.contains(element))
      continue
    const { x, y, width, height } = element.getBoundingClientRect()
    if (width > 0 && height > 0)
      rects.push({ x, y, width, height })
  }
  return rects
}
