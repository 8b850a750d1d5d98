// Error codes in plain words: the title above the engine's own message (the message itself comes
// from the engine and stays English for now).
import { tr } from '../i18n/intl'
import type { MessageId } from '../i18n/messages/en'

const WORDS: Record<string, MessageId> = {
  missing_credentials: 'error.missing_credentials',
  unauthorized: 'error.unauthorized',
  rate_limited: 'error.rate_limited',
  quota_exceeded: 'error.quota_exceeded',
  usage_not_included: 'error.usage_not_included',
  server_error: 'error.server_error',
  server_overloaded: 'error.server_overloaded',
  transport: 'error.transport',
  stream_closed: 'error.stream_closed',
  idle_timeout: 'error.idle_timeout',
  context_length_exceeded: 'error.context_length_exceeded',
  invalid_request: 'error.invalid_request',
  bad_request: 'error.bad_request',
  http_error: 'error.http_error',
  response_failed: 'error.response_failed',
  response_incomplete: 'error.response_incomplete',
  cyber_policy: 'error.cyber_policy',
  not_found: 'error.not_found',
  history: 'error.history',
  host_busy: 'error.host_busy',
}

export function plainError(code: string | undefined): string {
  const id = code ? WORDS[code] : undefined
  return tr(id ?? 'error.unknown')
}
