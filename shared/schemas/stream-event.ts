// The live stream's events as JSON brings them in (the stream in the app, the event log on the server).
import type { Actor, StreamEvent, StreamEventOf, StreamEventType, StreamItem, StreamOrder, StreamOrderSource } from '../types/api'
import * as v from 'valibot'
import { ACTOR_TYPES, ORDER_STATUSES, PAYMENT_METHODS, PLATFORMS } from '../domain'

const count = v.number()

const ActorSchema: v.GenericSchema<Actor> = v.object({ type: v.picklist(ACTOR_TYPES), id: v.string(), name: v.string() })

// Events logged before the stream carried less of the source still have its ids: `object` leaves them out.
const SourceSchema: v.GenericSchema<StreamOrderSource> = v.object({ platform: v.picklist(PLATFORMS), url: v.nullable(v.string()) })

const OrderSchema: v.GenericSchema<StreamOrder> = v.object({
  id: v.string(),
  number: count,
  status: v.picklist(ORDER_STATUSES),
  currency: v.string(),
  totalCents: count,
  paidCents: count,
  customerName: v.nullable(v.string()),
  createdAt: v.string(),
  source: v.optional(SourceSchema),
})

const ItemSchema: v.GenericSchema<StreamItem> = v.object({ name: v.string(), sku: v.nullable(v.string()), quantity: count, lineTotalCents: count })

const PaymentSchema = v.object({ id: v.string(), amountCents: count, method: v.picklist(PAYMENT_METHODS) })

const head = { seq: count, storeId: v.string(), at: v.string(), order: OrderSchema, actor: v.optional(ActorSchema) }
const lines = { items: v.optional(v.array(ItemSchema)), itemCount: v.optional(count), itemsTruncated: v.optional(v.boolean()) }

/** One schema per kind: a kind of `STREAM_EVENT_TYPES` without one, or one that decodes to another shape, does not compile. */
const BY_TYPE = {
  order_created: v.object({ type: v.literal('order_created'), ...head, ...lines, payment: v.optional(PaymentSchema) }),
  payment_received: v.object({ type: v.literal('payment_received'), ...head, payment: PaymentSchema }),
  order_updated: v.object({
    type: v.literal('order_updated'),
    ...head,
    ...lines,
    previousStatus: v.picklist(ORDER_STATUSES),
    refundedCents: v.optional(count),
    refund: v.optional(v.object({ id: v.string(), amountCents: count, reason: v.nullable(v.string()) })),
  }),
} satisfies { [T in StreamEventType]: v.GenericSchema<unknown, StreamEventOf<T>> }

export const StreamEventSchema: v.GenericSchema<unknown, StreamEvent> = v.variant('type', Object.values(BY_TYPE))

/** The event `value` is, or undefined when it is not one: a kind this code does not know, or a field of the wrong shape. */
export function readStreamEvent(value: unknown): StreamEvent | undefined {
  const result = v.safeParse(StreamEventSchema, value)
  return result.success ? result.output : undefined
}

/** The event in a JSON text (a stream frame's data, a row of the event log), or undefined when it is not one. */
export function decodeStreamEvent(json: string): StreamEvent | undefined {
  try {
    return readStreamEvent(JSON.parse(json))
  }
  catch {
    return undefined
  }
}
