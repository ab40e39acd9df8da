import type UPlot from 'uplot'
import type { Ref, ShallowRef } from 'vue'
import type { Timeseries } from '~shared/types/api'
import { computed, onBeforeUnmount, onMounted, shallowRef, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { nearestIndex } from '../logic/chart-scale'
import { whenIdleAfterPaint, yieldToMain } from '../logic/idle'
import { whenNearViewport } from '../logic/near-viewport'
import { bucketForKey, bucketReadout, bucketStarts, chartColumns, chartHeight, chartSummary } from '../logic/revenue-chart'
import { bucketLabel, describeAxes, plotOptions, readLook } from '../logic/revenue-plot'

export interface UseRevenueChartOptions {
  series: () => Timeseries
  currency: () => string
  timeZone: () => string
}

export interface UseRevenueChartReturn {
  /** The chart's accessible name. */
  summary: Readonly<Ref<string>>
  /** The selected bucket read out, or null. */
  readout: Readonly<Ref<string | null>>
  /** The axes as drawn (JSON), for tests and inspecting. */
  axes: ShallowRef<string | undefined>
  /** How many series the drawn chart has (x, collected, and the comparison). */
  drawnSeries: ShallowRef<number | undefined>
  onPointer: (event: PointerEvent) => void
  onLeave: (event: PointerEvent) => void
  onKey: (event: KeyboardEvent) => void
}

/**
 * Draws the revenue chart with uPlot into `host`: fetched and drawn only after the KPIs have painted and
 * the page is idle, redrawn as the series moves, resized with its box, read out by pointer, tap and keys.
 * Ends with the component.
 */
export function useRevenueChart(host: Readonly<ShallowRef<HTMLElement | null>>, options: UseRevenueChartOptions): UseRevenueChartReturn {
  const { series, currency, timeZone } = options
  const { t } = useI18n()
  const chart = shallowRef<UPlot>()
  let observer: ResizeObserver | undefined
  /** uPlot, once loaded. */
  let Plot: typeof UPlot | undefined
  let cancelLoad: (() => void) | undefined
  let unmounted = false
  /** The current uPlot has drawn its data (its second step ran). */
  let drawn = false

  const drawnSeries = shallowRef<number>()
  const axes = shallowRef<string>()
  /** The chart has been drawn: from then on the summary names the busiest bucket too. */
  const drawnOnce = shallowRef(false)
  // Until the chart is drawn the summary leaves out the peak's time: formatting it in the store's time zone
  // loads time-zone data, work that belongs with the chart rather than with the first render of the KPIs.
  const summary = computed(() => chartSummary(series(), currency(), t, drawnOnce.value ? ms => bucketLabel(series(), ms, timeZone()) : undefined))

  /** The bucket read out (pointer, tap or arrow keys), or null. */
  const selected = shallowRef<number | null>(null)
  const readout = computed(() => selected.value === null || !drawnOnce.value ? null : bucketReadout(series(), selected.value, currency(), timeZone(), t))

  function select(index: number | null) {
    selected.value = index
    const plot = chart.value
    if (!plot || !drawn)
      return
    if (index === null)
      plot.setCursor({ left: -10, top: -10 })
    else
      plot.setCursor({ left: plot.valToPos(bucketStarts(series())[index], 'x'), top: 0 })
  }

  function onPointer(event: PointerEvent) {
    const plot = chart.value
    if (!plot || !drawn)
      return
    const rect = plot.over.getBoundingClientRect()
    const x = event.clientX - rect.left
    if (x < 0 || x > rect.width)
      return
    const index = nearestIndex(bucketStarts(series()), plot.posToVal(x, 'x'))
    if (index >= 0)
      selected.value = index
  }

  function onLeave(event: PointerEvent) {
    if (event.pointerType === 'mouse')
      selected.value = null
  }

  function onKey(event: KeyboardEvent) {
    const next = bucketForKey(event.key, selected.value, series().points.length)
    if (next === undefined)
      return
    event.preventDefault()
    select(next)
  }

  /**
   * Draws the chart in two tasks: uPlot builds its elements in the first, and measures, scales and paints
   * the data in the next one (each is then well under 50 ms on a slow phone).
   */
  function build(): Promise<void> {
    if (!host.value || !Plot)
      return Promise.resolve()
    chart.value?.destroy()
    drawn = false
    const target = host.value
    const options = plotOptions(Plot, {
      series,
      currency: currency(),
      timeZone: timeZone(),
      width: target.clientWidth || 320,
      look: readLook(document.documentElement),
      t,
      onDraw: (u) => {
        axes.value = describeAxes(u, series(), currency(), timeZone())
      },
    })
    return new Promise((resolve) => {
      chart.value = new Plot!(options, chartColumns(series(), currency()) as UPlot.AlignedData, (plot, init) => {
        target.appendChild(plot.root)
        void yieldToMain().then(() => {
          // Replaced or unmounted meanwhile: nothing to draw.
          if (chart.value === plot && !unmounted) {
            init()
            drawn = true
            drawnOnce.value = true
            drawnSeries.value = plot.series.length
            if (selected.value !== null)
              select(selected.value)
          }
          resolve()
        })
      })
    })
  }

  function observeSize() {
    let lastWidth = host.value?.clientWidth
    observer = new ResizeObserver(() => {
      const width = host.value?.clientWidth
      if (width && width !== lastWidth) {
        lastWidth = width
        chart.value?.setSize({ width, height: chartHeight(width) })
      }
    })
    if (host.value)
      observer.observe(host.value)
  }

  onMounted(() => {
    // Below the KPIs on a phone: uPlot comes when the chart nears the screen (or seconds later), not in the first load.
    cancelLoad = whenNearViewport(host.value, () => whenIdleAfterPaint(async () => {
      Plot = (await import('uplot')).default
      // Evaluating uPlot and drawing the chart are two tasks, not one long one.
      await yieldToMain()
      if (unmounted)
        return
      await build()
      if (!unmounted)
        observeSize()
    }))
  })

  watch(series, (next, previous) => {
    if (selected.value !== null && selected.value >= next.points.length)
      selected.value = null
    if (!Plot)
      return
    if (!chart.value || !drawn || next.bucket !== previous?.bucket || next.points.length !== previous?.points.length || !next.comparison !== !previous?.comparison)
      void build()
    else
      chart.value.setData(chartColumns(next, currency()) as UPlot.AlignedData)
  })

  onBeforeUnmount(() => {
    unmounted = true
    cancelLoad?.()
    observer?.disconnect()
    chart.value?.destroy()
  })

  return { summary, readout, axes, drawnSeries, onPointer, onLeave, onKey }
}
