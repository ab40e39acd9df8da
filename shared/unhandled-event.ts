/**
 * The `default` of every `switch` over a stream event's `type`: once each kind has its `case`, the event
 * here is `never`, so a kind added to `StreamEvent` fails the type check until every consumer handles it.
 */
export function unhandledEvent(event: never): never {
  throw new Error(`Unhandled stream event type: ${(event as { type?: unknown }).type}`)
}
