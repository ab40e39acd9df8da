import { timingSafeEqual } from 'node:crypto'
import { defineHandler } from 'nitro'
import { useConfig } from '~server/utils/config'
import { renderPrometheus } from '~server/utils/events/metrics'
import { createApiError } from '~server/utils/http/errors'

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

export default defineHandler((event) => {
  const { metricsToken } = useConfig()
  if (metricsToken) {
    const given = /^Bearer\s+(\S+)$/i.exec(event.req.headers.get('authorization') ?? '')?.[1]
    if (!given || !sameSecret(given, metricsToken))
      throw createApiError(401, 'unauthorized', 'Send the metrics token as Authorization: Bearer.')
  }
  event.res.headers.set('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  return renderPrometheus()
})
