import { describe, expect, it } from 'vitest'
import { t } from '../../app/i18n'
import { currencyOptions, zoneOptions } from '../../app/logic/pickers'
import '../helpers/i18n'

describe('time zone and currency pickers', () => {
  it('offers this device\'s zone first, the current one, then every zone once', () => {
    const options = zoneOptions('Asia/Tokyo', 'America/New_York', t, ['America/New_York', 'Asia/Tokyo', 'Europe/Berlin'])
    expect(options.map(o => o.value)).toEqual(['America/New_York', 'Asia/Tokyo', 'Europe/Berlin', 'UTC'])
    expect(options[0].label).toBe('America/New York (this device)')
    // A zone the list lacks (an older browser) is still offered, so that saving never changes it by accident.
    expect(zoneOptions('Pacific/Chatham', undefined, t, []).map(o => o.value)).toEqual(['Pacific/Chatham', 'UTC'])
  })

  it('names currencies in the device\'s language, sorted by code, the current one kept', () => {
    const options = currencyOptions('USD', ['EUR', 'JPY', 'USD'], 'en-US')
    expect(options).toEqual([
      { value: 'EUR', label: 'EUR — Euro' },
      { value: 'JPY', label: 'JPY — Japanese Yen' },
      { value: 'USD', label: 'USD — US Dollar' },
    ])
    expect(currencyOptions('XYZ', [], 'en-US').map(o => o.value)).toEqual(['XYZ'])
  })

  it('this engine lists real zones and currencies', () => {
    expect(zoneOptions('UTC', 'Europe/Paris', t).length).toBeGreaterThan(300)
    expect(currencyOptions('USD').length).toBeGreaterThan(100)
  })
})
