import type { PaymentMethod } from '~shared/types/api'
import type { Connector, Facts, SaleFacts, WebhookRequest } from '../types'
import { isUtf8 } from 'node:buffer'
import Stripe from 'stripe'
import { readPayload, requireCurrency, requireMinor, requireObject, requireString } from '../read-payload'
import { InvalidPayload } from '../types'

/** Stripe's own tolerance: a signature older than this is a replay. */
const TOLERANCE_SECONDS = 300

function dashboardUrl(paymentIntent: string, livemode: boolean): string {
  return `https://dashboard.stripe.com/${livemode ? '' : 'test/'}payments/${encodeURIComponent(paymentIntent)}`
}

function methodOf(types: unknown): PaymentMethod {
  const list = Array.isArray(types) ? types : [types]
  return list.some(type => type === 'card' || type === 'card_present' || type === 'interac_present') ? 'card' : 'other'
}

function refsOf(paymentIntent: unknown, ...more: unknown[]): string[] {
  return [paymentIntent, ...more].filter((ref): ref is string => typeof ref === 'string' && ref !== '')
}

/** A charge as a sale keyed by its payment intent (a `charge.refunded` event, or a charge of the history import). */
export function chargeFacts(charge: Record<string, any>, livemode: boolean): SaleFacts {
  const id = requireString(charge.id, 'id')
  const refs = refsOf(charge.payment_intent, id)
  return { kind: 'sale', refs, url: dashboardUrl(refs[0], livemode), currency: requireCurrency(charge.currency), totalCents: requireMinor(charge.amount, 'amount'), items: [], customerName: charge.billing_details?.name ?? null, paid: methodOf(charge.payment_method_details?.type), refundedTotalCents: requireMinor(charge.amount_refunded, 'amount_refunded') }
}

// One purchase is one order whichever event arrives first: every event is keyed by its payment intent.
function readFacts(type: string, object: Record<string, any>, livemode: boolean): Facts {
  switch (type) {
    case 'payment_intent.succeeded': {
      const id = requireString(object.id, 'data.object.id')
      const amount = requireMinor(object.amount_received, 'amount_received')
      return { kind: 'sale', refs: refsOf(id, object.latest_charge), url: dashboardUrl(id, livemode), currency: requireCurrency(object.currency), totalCents: amount, items: [], customerName: null, paid: methodOf(object.payment_method_types) }
    }
    case 'checkout.session.completed': {
      if (object.payment_status !== 'paid')
        return { kind: 'ignored', reason: `The session is ${String(object.payment_status)}: its payment intent's events carry the sale.` }
      const id = requireString(object.id, 'data.object.id')
      const refs = refsOf(object.payment_intent, id)
      return { kind: 'sale', refs, url: dashboardUrl(refs[0], livemode), currency: requireCurrency(object.currency), totalCents: requireMinor(object.amount_total, 'amount_total'), items: [], customerName: object.customer_details?.name ?? null, paid: methodOf(object.payment_method_types) }
    }
    case 'charge.refunded':
      // The whole charge rides on the event: enough to make its order if the payment is not in yet.
      return chargeFacts(object, livemode)
    default:
      return { kind: 'ignored', reason: `Pulse does not use ${type} events.` }
  }
}

// The event Stripe's SDK parsed while it verified a request: `parse` reads it instead of parsing the body again.
const verifiedEvents = new WeakMap<WebhookRequest, Record<string, any>>()

export const stripeConnector: Connector = {
  platform: 'stripe',
  holdsRefunds: false,
  async verify(request, secret) {
    const { body, headers, now } = request
    const header = headers.get('stripe-signature')
    if (!header)
      return false
    try {
      const event = await Stripe.webhooks.constructEventAsync(body, header, secret, TOLERANCE_SECONDS, undefined, now.getTime())
      if (event !== null && typeof event === 'object' && !Array.isArray(event))
        verifiedEvents.set(request, event as unknown as Record<string, any>)
      return true
    }
    catch {
      return false
    }
  },
  parse(request) {
    const verified = verifiedEvents.get(request)
    const event = verified && isUtf8(request.body) ? verified : readPayload(request.body, request.text)
    if (event.object !== 'event')
      throw new InvalidPayload('The body is not a Stripe event.')
    const type = requireString(event.type, 'type')
    const object = requireObject(event.data?.object, 'data.object')
    return { eventId: requireString(event.id, 'id'), eventType: type, facts: readFacts(type, object, event.livemode === true) }
  },
}
