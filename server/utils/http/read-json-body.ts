import type { H3Event } from 'h3'
import type { GenericSchema, InferOutput } from 'valibot'
import { createApiError } from './errors'
import { validateInput } from './validate'

export const MAX_BODY_BYTES = 64 * 1024

async function readLimitedText(event: H3Event, limit: number): Promise<string> {
  const declared = Number(event.req.headers.get('content-length') ?? Number.NaN)
  if (declared > limit)
    throw createApiError(413, 'payload_too_large', `The body must be at most ${limit} bytes.`)
  const body = event.req.body
  if (!body)
    return ''
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done)
      break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => {})
      throw createApiError(413, 'payload_too_large', `The body must be at most ${limit} bytes.`)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * Reads a JSON body and validates it: 415 for another content type, 413 past 64 KiB,
 * 400 for malformed JSON or a body that does not match the schema.
 */
export async function readJsonBody<TSchema extends GenericSchema>(event: H3Event, schema: TSchema): Promise<InferOutput<TSchema>> {
  const type = event.req.headers.get('content-type') ?? ''
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type))
    throw createApiError(415, 'unsupported_media_type', 'Send the body as application/json.')
  const text = await readLimitedText(event, MAX_BODY_BYTES)
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  }
  catch {
    throw createApiError(400, 'invalid_json', 'The body is not valid JSON.')
  }
  return validateInput(schema, parsed, 'body')
}
