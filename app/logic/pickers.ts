import type { Translate } from './translate'

export interface Option { value: string, label: string }

/** What `Intl.supportedValuesOf` offers here (older engines: nothing, and the pickers keep the current value). */
function supported(key: 'timeZone' | 'currency'): string[] {
  try {
    return (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.(key) ?? []
  }
  catch {
    return []
  }
}

/**
 * Time zones to pick from: this device's own first (most stores are where their owner is), then the current
 * value, then every zone the browser knows, each once, with underscores read as spaces.
 */
export function zoneOptions(current: string, device: string | undefined, t: Translate, all: readonly string[] = supported('timeZone')): Option[] {
  const values = [...new Set([device, current, ...all, 'UTC'].filter((zone): zone is string => !!zone))]
  return values.map(zone => ({ value: zone, label: zone === device ? t('settings.store.thisDeviceZone', { zone: zone.replaceAll('_', ' ') }) : zone.replaceAll('_', ' ') }))
}

/** Currencies to pick from, by code with their names ("EUR — Euro"), the current one included. */
export function currencyOptions(current: string, all: readonly string[] = supported('currency'), locale?: string): Option[] {
  let names: Intl.DisplayNames | undefined
  try {
    names = new Intl.DisplayNames(locale, { type: 'currency' })
  }
  catch {}
  const codes = [...new Set([current, ...all].filter(Boolean))].sort()
  return codes.map((code) => {
    const name = names?.of(code)
    return { value: code, label: name && name !== code ? `${code} — ${name}` : code }
  })
}
