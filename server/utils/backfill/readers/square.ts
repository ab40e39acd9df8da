import type { HistoryReader } from '../types'
import { serialization, SquareClient, SquareEnvironment, SquareError } from 'square'
import { useConfig } from '../../config'
import { paymentFacts } from '../../connectors/platforms/square'
import { historyItem } from '../history-item'
import { PlatformRefused } from '../types'

const PAGE_SIZE = 100

/**
 * Square's history is its payments (ListPayments, oldest first), read with Square's client, which waits
 * out a `429` itself as its `Retry-After` says. The cursor is Square's own.
 */
export const readSquareHistory: HistoryReader = async (source, since, cursor) => {
  const client = new SquareClient({ token: source.apiKey, baseUrl: useConfig().apiBases.square ?? SquareEnvironment.Production, maxRetries: 5 })
  try {
    const page = await client.payments.list({ beginTime: since.toISOString(), sortOrder: 'ASC', limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) })
    const items = page.data.map((payment) => {
      // The connector reads Square's JSON (snake_case, money as numbers), as its webhooks carry it.
      const json = JSON.parse(JSON.stringify(serialization.Payment.jsonOrThrow(payment), (_, value) => typeof value === 'bigint' ? Number(value) : value)) as Record<string, any>
      return historyItem(json.created_at, () => [paymentFacts(json)])
    })
    return { items, next: page.response.cursor || null }
  }
  catch (error) {
    if (error instanceof SquareError && (error.statusCode === 401 || error.statusCode === 403))
      throw new PlatformRefused(`Square refused the access token (${error.statusCode}): it needs PAYMENTS_READ.`)
    if (error instanceof SquareError)
      throw new Error(`Square answered ${error.statusCode ?? 'without a status'}.`)
    throw error
  }
}
