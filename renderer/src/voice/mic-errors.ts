// getUserMedia failures in words a person can act on; never silence.
import { tr } from '../i18n/intl'

export function micErrorMessage(e: unknown): string {
  const name = e instanceof DOMException || e instanceof Error ? e.name : ''
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return tr('mic.denied')
    case 'NotFoundError':
    case 'OverconstrainedError':
      return tr('mic.notFound')
    case 'NotReadableError':
    case 'AbortError':
      return tr('mic.busy')
    default:
      return e instanceof Error && e.message ? tr('mic.failedWhy', { why: e.message }) : tr('mic.failed')
  }
}
