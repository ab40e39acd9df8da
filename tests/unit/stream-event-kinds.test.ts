import { resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { decodeStreamEvent } from '~shared/schemas/stream-event'
import { streamEvent } from './fixtures'

const ROOT = resolve(import.meta.dirname, '../..')
const API = resolve(ROOT, 'shared/types/api.ts')
const DOMAIN = resolve(ROOT, 'shared/domain.ts')

/** Every place that handles the kinds of StreamEvent one by one. */
const CONSUMERS = [
  'shared/schemas/stream-event.ts',
  'app/logic/apply-event.ts',
  'app/logic/counter-feed.ts',
  'app/stores/toasts.ts',
  'app/stores/orders.ts',
  'server/utils/push/decide.ts',
].map(file => resolve(ROOT, file))

/**
 * The type errors of each consumer with a new kind of event added to the project's sources (`vue-tsc`
 * checks them as they are).
 */
function errorsWithNewKind(): Map<string, string[]> {
  const config = ts.getParsedCommandLineOfConfigFile(resolve(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!
  const host = ts.createCompilerHost(config.options)
  const readFile = host.readFile
  host.readFile = (file) => {
    const text = readFile(file)
    if (resolve(file) === DOMAIN)
      return text?.replace(`export const STREAM_EVENT_TYPES = ['order_created', 'payment_received', 'order_updated'] as const`, `export const STREAM_EVENT_TYPES = ['order_created', 'payment_received', 'order_updated', 'order_archived'] as const`)
    if (resolve(file) === API)
      return text?.replace('export type StreamEvent = OrderCreatedEvent | PaymentReceivedEvent | OrderUpdatedEvent', 'export interface OrderArchivedEvent extends StreamEventHead { type: \'order_archived\' }\nexport type StreamEvent = OrderCreatedEvent | PaymentReceivedEvent | OrderUpdatedEvent | OrderArchivedEvent')
    return text
  }
  // Without the ambient types (node, vite) the check reads less; the consumers' errors about the kind stay.
  const program = ts.createProgram({ rootNames: CONSUMERS, options: { ...config.options, types: [] }, host })
  return new Map(CONSUMERS.map(file => [file, program.getSemanticDiagnostics(program.getSourceFile(file)).map(d => ts.flattenDiagnosticMessageText(d.messageText, '\n'))]))
}

describe('a new kind of stream event', () => {
  it('fails the type check in every consumer until it handles the kind', () => {
    const errors = errorsWithNewKind()
    for (const file of CONSUMERS) {
      // The never-check of its switch (or the schema that the kind lacks) names the new kind.
      expect(errors.get(file)!.some(message => message.includes('OrderArchivedEvent') || message.includes('order_archived')), `${file} compiles with an unhandled kind: ${errors.get(file)}`).toBe(true)
    }
  }, 300_000)
})

describe('decodeStreamEvent', () => {
  it('reads each kind as the server sends it, and refuses what is not one', () => {
    for (const event of [streamEvent('order_created', 1), streamEvent('payment_received', 2), streamEvent('order_updated', 3, { previousStatus: 'pending' }, { status: 'paid' })])
      expect(decodeStreamEvent(JSON.stringify(event))).toEqual(event)
    // A status change that does not say where it came from, a payment without its amount, an unknown kind, not JSON.
    expect(decodeStreamEvent(JSON.stringify(streamEvent('order_updated', 4, {}, { status: 'paid' })))).toBeUndefined()
    expect(decodeStreamEvent(JSON.stringify({ ...streamEvent('payment_received', 5), payment: { id: 'p', method: 'card' } }))).toBeUndefined()
    expect(decodeStreamEvent(JSON.stringify({ ...streamEvent('order_created', 6), type: 'order_archived' }))).toBeUndefined()
    expect(decodeStreamEvent('{"seq":')).toBeUndefined()
  })

  it('reads a platform order\'s chip and link, also from an event logged when the stream carried the source\'s ids', () => {
    const source = { platform: 'stripe' as const, url: 'https://dashboard.stripe.com/payments/pi_1' }
    const event = streamEvent('order_created', 7, {}, { source })
    expect(decodeStreamEvent(JSON.stringify(event))).toEqual(event)
    const logged = { ...event, order: { ...event.order, source: { ...source, connectionId: 'c1', externalId: 'pi_1' } } }
    expect(decodeStreamEvent(JSON.stringify(logged))?.order.source).toEqual(source)
    expect(decodeStreamEvent(JSON.stringify({ ...event, order: { ...event.order, source: { platform: 'paypal', url: null } } }))).toBeUndefined()
  })
})
