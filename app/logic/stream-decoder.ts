import type { StreamEvent } from '~shared/types/api'

type Decode = (value: unknown) => StreamEvent | undefined

let decode: Decode | undefined
let loading: Promise<Decode> | undefined

/**
 * The stream's decoder (valibot, shared/schemas/stream-event.ts) loads apart from the first paint, as the
 * code that applies events does: it is fetched when the stream opens, before its first event as a rule.
 */
export function loadStreamDecoder(): Promise<Decode> {
  loading ??= import('~shared/schemas/stream-event').then(module => decode = module.readStreamEvent)
  return loading
}

/** The decoder once it has loaded, else undefined (the stream keeps its events in order until then). */
export function loadedStreamDecoder(): Decode | undefined {
  return decode
}
