import type { H3Event } from 'h3'
import type { GenericSchema, InferOutput } from 'valibot'
import { getQuery } from 'h3'
import { getDotPath, safeParse } from 'valibot'
import { INVALID_TEXT_MESSAGE } from '~shared/schemas/api'
import { createApiError } from './errors'

/**
 * Validates input against a schema; the first issue becomes a 400 `validation_failed` naming its field,
 * or `invalid_text` when any text holds what no backend can store as is.
 */
export function validateInput<TSchema extends GenericSchema>(schema: TSchema, input: unknown, where: 'body' | 'query'): InferOutput<TSchema> {
  const result = safeParse(schema, input)
  if (result.success)
    return result.output
  const textIssue = result.issues.find(issue => issue.message === INVALID_TEXT_MESSAGE)
  const issue = textIssue ?? result.issues[0]
  const path = getDotPath(issue)
  const code = textIssue ? 'invalid_text' : 'validation_failed'
  throw createApiError(code, path ? `${where}.${path}: ${issue.message}` : `${where}: ${issue.message}`)
}

export function readQuery<TSchema extends GenericSchema>(event: H3Event, schema: TSchema): InferOutput<TSchema> {
  return validateInput(schema, getQuery(event), 'query')
}
