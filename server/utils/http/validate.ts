import type { H3Event } from 'h3'
import type { GenericSchema, InferOutput } from 'valibot'
import { getQuery } from 'h3'
import { getDotPath, safeParse } from 'valibot'
import { createApiError } from './errors'

/** Validates input against a schema; the first issue becomes a 400 `validation_failed` naming its field. */
export function validateInput<TSchema extends GenericSchema>(schema: TSchema, input: unknown, where: 'body' | 'query'): InferOutput<TSchema> {
  const result = safeParse(schema, input)
  if (result.success)
    return result.output
  const issue = result.issues[0]
  const path = getDotPath(issue)
  throw createApiError(400, 'validation_failed', path ? `${where}.${path}: ${issue.message}` : `${where}: ${issue.message}`)
}

export function readQuery<TSchema extends GenericSchema>(event: H3Event, schema: TSchema): InferOutput<TSchema> {
  return validateInput(schema, getQuery(event), 'query')
}
