// The API's error codes, one catalogue: each code's HTTP status and an English message for developers.
// The server throws only these (server/utils/http/errors.ts), the app matches on them and shows its own
// translation by code; docs/api.md lists each with its status (a test keeps the three in step). A code is
// API: never rename one. A throw site may say more than the message here (which field, which amount).

interface ErrorEntry { status: number, message: string }

export const API_ERRORS = {
  // 400: the request itself is wrong.
  bad_request: { status: 400, message: 'The request is not valid.' },
  validation_failed: { status: 400, message: 'A field of the request is missing or not valid.' },
  invalid_json: { status: 400, message: 'The body is not valid JSON.' },
  invalid_text: { status: 400, message: 'The body is not valid UTF-8.' },
  request_aborted: { status: 400, message: 'The body ended before it was complete.' },
  weak_password: { status: 400, message: 'This password is too easy to guess. Use a longer phrase of unrelated words.' },
  invalid_range: { status: 400, message: 'The date range is not valid.' },
  invalid_idempotency_key: { status: 400, message: 'Idempotency-Key must be 1 to 255 visible ASCII characters.' },
  invalid_last_event_id: { status: 400, message: 'Last-Event-ID must be a seq sent by this stream (a whole number).' },
  invalid_push_endpoint: { status: 400, message: 'This push endpoint is not one Pulse sends to.' },
  invalid_payload: { status: 400, message: 'This is not a webhook Pulse can read.' },
  // 401: who is asking is unknown.
  unauthorized: { status: 401, message: 'Sign in first: send the session cookie or an Authorization: Bearer token.' },
  invalid_credentials: { status: 401, message: 'The email or the password is wrong.' },
  invalid_signature: { status: 401, message: 'The signature is missing, wrong or too old.' },
  // 403: known, but not allowed.
  forbidden: { status: 403, message: 'Your role may not do this.' },
  insufficient_scope: { status: 403, message: 'This API key lacks the scope this needs.' },
  cross_site_request: { status: 403, message: 'Writes must come from Pulse\'s own pages.' },
  invitation_email_mismatch: { status: 403, message: 'This invitation is for another email address.' },
  // 404: no such thing here.
  not_found: { status: 404, message: 'No such API route.' },
  order_not_found: { status: 404, message: 'No such order.' },
  product_not_found: { status: 404, message: 'No such product in this store.' },
  store_not_found: { status: 404, message: 'You are not a member of this store.' },
  member_not_found: { status: 404, message: 'No such member of this store.' },
  invitation_not_found: { status: 404, message: 'No such open invitation in this store.' },
  session_not_found: { status: 404, message: 'No such session of yours.' },
  device_not_found: { status: 404, message: 'No such device in this store.' },
  pairing_code_not_found: { status: 404, message: 'This pairing code is wrong: check it on the owner\'s screen.' },
  api_key_not_found: { status: 404, message: 'No such API key in this store.' },
  connection_not_found: { status: 404, message: 'No such connection.' },
  subscription_not_found: { status: 404, message: 'No such push subscription for this user.' },
  method_not_allowed: { status: 405, message: 'This route does not answer that method.' },
  request_timeout: { status: 408, message: 'The body took too long to arrive.' },
  // 409: the request clashes with what is there now.
  conflict: { status: 409, message: 'This clashes with the current state.' },
  email_taken: { status: 409, message: 'An account with this email already exists.' },
  invalid_transition: { status: 409, message: 'The order cannot take this status now.' },
  idempotency_key_reused: { status: 409, message: 'This Idempotency-Key was already used with a different body.' },
  order_not_payable: { status: 409, message: 'This order takes no payments.' },
  order_not_refundable: { status: 409, message: 'This order takes no refunds.' },
  invitation_used: { status: 409, message: 'This invitation was already used.' },
  already_member: { status: 409, message: 'You already belong to this store.' },
  last_owner: { status: 409, message: 'A store keeps at least one owner: make someone else owner first.' },
  pairing_code_used: { status: 409, message: 'This pairing code was already used: make a new one.' },
  limit_reached: { status: 409, message: 'A limit of this store is reached.' },
  api_key_missing: { status: 409, message: 'The connection has no API key: add a read credential to import its history.' },
  shop_domain_missing: { status: 409, message: 'The connection has no shop domain to read the orders from.' },
  backfill_running: { status: 409, message: 'This connection is already importing its history.' },
  // 410: it was there, and is no more.
  invitation_expired: { status: 410, message: 'This invitation has expired: ask for a new one.' },
  pairing_code_expired: { status: 410, message: 'This pairing code has expired: make a new one.' },
  payload_too_large: { status: 413, message: 'The body is too large.' },
  unsupported_media_type: { status: 415, message: 'Send the body as application/json.' },
  // 422: well formed, but the amounts or counts do not allow it.
  unprocessable: { status: 422, message: 'The request cannot be carried out.' },
  amount_exceeds_outstanding: { status: 422, message: 'The payment is more than the order still owes.' },
  amount_exceeds_refundable: { status: 422, message: 'The refund is more than can still be refunded.' },
  too_many_products: { status: 422, message: 'The catalogue is full: archive or delete some products first.' },
  // 429: too many at once; Retry-After says when to try again.
  too_many_requests: { status: 429, message: 'Too many requests. Try again shortly.' },
  too_many_attempts: { status: 429, message: 'Too many attempts. Try again later.' },
  too_many_streams: { status: 429, message: 'Too many open streams.' },
  too_many_exports: { status: 429, message: 'An export of this store is already running; try again when it is done.' },
  // 5xx: the server's side.
  internal_error: { status: 500, message: 'Something went wrong on our side.' },
  unavailable: { status: 503, message: 'The service is unavailable. Try again shortly.' },
  busy: { status: 503, message: 'Too many registrations at once. Try again in a few seconds.' },
  shutting_down: { status: 503, message: 'This instance is shutting down; reconnect.' },
  exports_busy: { status: 503, message: 'Too many exports are running on this server; try again shortly.' },
  too_many_connections: { status: 503, message: 'Too many open connections from your address; close some and try again.' },
} as const satisfies Record<string, ErrorEntry>

export type ApiErrorCode = keyof typeof API_ERRORS

/** Whether a code (from an answer, or a status's fallback) is one of the catalogue's. */
export function isApiErrorCode(code: unknown): code is ApiErrorCode {
  return typeof code === 'string' && Object.hasOwn(API_ERRORS, code)
}
