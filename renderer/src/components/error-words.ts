// Error codes in plain words: the title above the engine's own message.
const WORDS: Record<string, string> = {
  missing_credentials: 'Not signed in',
  unauthorized: 'The provider refused the credentials',
  rate_limited: 'Rate limit reached',
  quota_exceeded: 'Quota used up',
  usage_not_included: 'Not included in your plan',
  server_error: 'The provider had a problem',
  server_overloaded: 'The provider is overloaded',
  transport: 'Could not reach the provider',
  stream_closed: 'The connection closed mid-answer',
  idle_timeout: 'The provider stopped answering',
  context_length_exceeded: 'The conversation is too long for this model',
  invalid_request: 'The request was rejected',
  bad_request: 'The request was rejected',
  http_error: 'The request failed',
  response_failed: 'The answer failed',
  response_incomplete: 'The answer is incomplete',
  cyber_policy: 'Blocked by a safety policy',
  not_found: 'Not found',
  history: 'History problem',
  host_busy: 'Too many answers at once',
}

export function plainError(code: string | undefined): string {
  return (code && WORDS[code]) || 'Something went wrong'
}
