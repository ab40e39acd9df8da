import type { H3Event } from 'h3'
import type { Readable } from 'node:stream'
import type { GenericSchema, InferOutput } from 'valibot'
import { useConfig } from '../config'
import { createApiError } from './errors'
import { validateInput } from './validate'

export const MAX_BODY_BYTES = 64 * 1024

function tooLarge(limit: number): Error {
  return createApiError('payload_too_large', `The body must be at most ${limit} bytes.`)
}

// A client that went away is not an error of the server: a 4xx, never logged, instead of a 500 stack.
function aborted(): Error {
  return createApiError('request_aborted')
}

function tooSlow(ms: number): Error {
  return createApiError('request_timeout', `The body must arrive within ${ms} ms.`, { connection: 'close' })
}

// Invalid UTF-8 is refused, never replaced with U+FFFD behind the client's back.
const utf8 = new TextDecoder('utf-8', { fatal: true })

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes)
  }
  catch {
    throw createApiError('invalid_text')
  }
}

/**
 * Reads the Node request itself: the web ReadableStream h3 would wrap it in costs more than a small
 * body. Past the limit the rest is read and dropped (not destroyed), so that the 413 still reaches the
 * client. A body that takes longer than `PULSE_REQUEST_TIMEOUT_MS` gets 408 and its connection closed.
 */
function readNodeBody(req: Readable, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const { requestTimeoutMs } = useConfig()
    const timer = setTimeout(() => {
      stop()
      reject(tooSlow(requestTimeoutMs))
    }, requestTimeoutMs)
    function stop(): void {
      clearTimeout(timer)
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('close', onClose)
      req.off('error', onClose)
    }
    function onData(chunk: Buffer): void {
      size += chunk.length
      if (size <= limit)
        return void chunks.push(chunk)
      stop()
      req.resume()
      reject(tooLarge(limit))
    }
    function onEnd(): void {
      stop()
      resolve(Buffer.concat(chunks, size))
    }
    function onClose(): void {
      stop()
      reject(aborted())
    }
    req.on('data', onData)
    req.once('end', onEnd)
    req.once('close', onClose)
    req.once('error', onClose)
  })
}

async function readWebBody(body: ReadableStream<Uint8Array>, limit: number): Promise<Buffer> {
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read().catch(() => {
      throw aborted()
    })
    if (done)
      break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => {})
      throw tooLarge(limit)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks)
}

/** The body's bytes as received, up to `limit` (413 past it): what a signature is computed over. */
export async function readBodyBytes(event: H3Event, limit: number): Promise<Buffer> {
  const declared = Number(event.req.headers.get('content-length') ?? Number.NaN)
  if (declared > limit)
    throw tooLarge(limit)
  const nodeRequest = event.runtime?.node?.req
  if (nodeRequest && !nodeRequest.readableDidRead && !nodeRequest.readableEnded)
    return readNodeBody(nodeRequest, limit)
  const body = event.req.body
  return body ? readWebBody(body, limit) : Buffer.alloc(0)
}

async function readLimitedText(event: H3Event, limit: number): Promise<string> {
  return decodeUtf8(await readBodyBytes(event, limit))
}

/**
 * Reads a JSON body and validates it: 415 for another content type, 413 past 64 KiB, 400 `invalid_text`
 * for invalid UTF-8 (or NUL and lone surrogates, through the schema), 400 for malformed JSON or a body
 * that does not match the schema.
 */
export async function readJsonBody<TSchema extends GenericSchema>(event: H3Event, schema: TSchema): Promise<InferOutput<TSchema>> {
  const type = event.req.headers.get('content-type') ?? ''
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type))
    throw createApiError('unsupported_media_type')
  const text = await readLimitedText(event, MAX_BODY_BYTES)
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  }
  catch {
    throw createApiError('invalid_json')
  }
  return validateInput(schema, parsed, 'body')
}
