// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { updatePushLocale } from '../../app/logic/push-locale'

interface Call { method: string, path: string, body?: unknown }

/** A device whose push subscription the server lists with `locale`; records the app's requests. */
function device(options: { subscribed: boolean, locale: string | null }): Call[] {
  const calls: Call[] = []
  vi.stubGlobal('PushManager', class {})
  vi.stubGlobal('navigator', {
    ...globalThis.navigator,
    serviceWorker: { getRegistration: async () => ({ pushManager: { getSubscription: async () => (options.subscribed ? {} : null) } }) },
  })
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ method: init.method ?? 'GET', path: url, body: init.body ? JSON.parse(String(init.body)) : undefined })
    const body = init.method === 'PATCH' ? {} : { subscriptions: [{ id: 'other', current: false, locale: 'de' }, { id: 'mine', current: true, locale: options.locale }] }
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })
  })
  return calls
}

describe('this device\'s notifications follow a change of language', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('tells the server the new locale of this device\'s own subscription', async () => {
    const calls = device({ subscribed: true, locale: 'en-US' })
    await updatePushLocale('es-ES')
    expect(calls).toEqual([
      { method: 'GET', path: '/api/v1/push/subscriptions', body: undefined },
      { method: 'PATCH', path: '/api/v1/push/subscriptions/mine', body: { locale: 'es-ES' } },
    ])
  })

  it('asks nothing on a device without a subscription, and changes nothing that is already right', async () => {
    const none = device({ subscribed: false, locale: null })
    await updatePushLocale('es-ES')
    expect(none).toEqual([])
    vi.unstubAllGlobals()
    const same = device({ subscribed: true, locale: 'es-ES' })
    await updatePushLocale('es-ES')
    expect(same.map(call => call.method)).toEqual(['GET'])
  })
})
