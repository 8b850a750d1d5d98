// getUserMedia failures in words a person can act on; never silence.
import { tr } from '../i18n/intl'

/** `then`: what the person does once it is fixed (start voice again, or dictate again). */
export function micErrorMessage(e: unknown, then: 'voice' | 'dictation' = 'voice'): string {
  const name = e instanceof DOMException || e instanceof Error ? e.name : ''
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return tr('mic.denied', { then })
    case 'NotFoundError':
    case 'OverconstrainedError':
      return tr('mic.notFound', { then })
    case 'NotReadableError':
    case 'AbortError':
      return tr('mic.busy', { then })
    default:
      return e instanceof Error && e.message ? tr('mic.failedWhy', { why: e.message }) : tr('mic.failed')
  }
}
