// getUserMedia failures in words a person can act on; never silence.

export function micErrorMessage(e: unknown): string {
  const name = e instanceof DOMException || e instanceof Error ? e.name : ''
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'Microphone access was denied. Allow microphone access for Assistant in your system settings (Privacy → Microphone), then start voice again.'
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No microphone was found. Connect or enable a microphone, then start voice again.'
    case 'NotReadableError':
    case 'AbortError':
      return 'The microphone is in use by another program or could not be opened. Close the other program, then start voice again.'
    default:
      return `The microphone could not be started${e instanceof Error && e.message ? `: ${e.message}` : ''}.`
  }
}
