// What the server keeps in its push outbox and sends to the service worker (shared/types/push.ts).
import type { PushKind, PushPayload } from '../types/push'
import * as v from 'valibot'

// A record, so that a kind added to PushKind must be added here too.
const PUSH_KINDS: Record<PushKind, true> = { new_order: true, payment: true, pending_reminder: true, daily_summary: true, test: true }

export const PushPayloadSchema: v.GenericSchema<unknown, PushPayload> = v.object({
  type: v.picklist(Object.keys(PUSH_KINDS) as PushKind[]),
  title: v.string(),
  body: v.string(),
  url: v.string(),
  orderId: v.optional(v.string()),
  seq: v.optional(v.number()),
  tag: v.string(),
  pendingCount: v.optional(v.number()),
})

/** The payload in a JSON text, or undefined when it is not one. */
export function decodePushPayload(json: string): PushPayload | undefined {
  let value: unknown
  try {
    value = JSON.parse(json)
  }
  catch {
    return undefined
  }
  const result = v.safeParse(PushPayloadSchema, value)
  return result.success ? result.output : undefined
}
