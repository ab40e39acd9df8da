import type { H3Event } from 'h3'
import { getRouterParam } from 'h3'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** A route's UUID parameter; anything else cannot name a row, so it is the route's 404. */
export function readUuidParam(event: H3Event, name: string, notFound: () => Error): string {
  const id = getRouterParam(event, name) ?? ''
  if (!UUID.test(id))
    throw notFound()
  return id.toLowerCase()
}
