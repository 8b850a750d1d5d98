// No exception from one stream may escape to the process (issue 11, finding 1). A turn handles
// wire events inside the transport's socket callbacks; a throw there (a history append that
// fails, a bug in a mapper) used to surface as an uncaught exception, printing a stack in the CLI
// and ending the browser host with every conversation in it. Here every handler call is caught:
// the first fault stops the stream and the turn fails with that error as an `error` event for its
// own conversation, like any other failed turn.
import type { ResponsesRequest } from '@shared/wire/request'
import type { Completed } from '../responses/stream'
import type { ModelTurnSession, TransportObserver, TurnStreamHandler } from '../responses/client'
import { ModelError } from '../responses/errors'
import type { Logger } from '../log'

/** Wrap `session.stream` so its handler cannot throw into the transport. Returns the same session. */
export function guardTurnSession(
  session: ModelTurnSession,
  conversationId: string,
  logger: Logger,
): ModelTurnSession {
  const stream = session.stream.bind(session)
  session.stream = async (
    body: ResponsesRequest,
    handler: TurnStreamHandler,
    signal: AbortSignal,
    observer: TransportObserver | null,
  ): Promise<Completed> => {
    const stop = new AbortController()
    const onAbort = () => stop.abort()
    if (signal.aborted) stop.abort()
    else signal.addEventListener('abort', onAbort, { once: true })
    let fault: Error | null = null
    const fail = (e: unknown) => {
      fault = e instanceof Error ? e : new Error(String(e))
      logger.log('error', 'handling the stream threw; the turn fails', {
        conversation: conversationId,
        error: fault.message,
      })
      stop.abort()
    }
    // Explicit methods, not a Proxy: onEvent runs per token.
    const safe: TurnStreamHandler = {
      onEvent(ev) {
        if (fault) return
        try {
          handler.onEvent(ev)
        } catch (e) {
          fail(e)
        }
      },
      onMeta(meta) {
        if (fault) return
        try {
          handler.onMeta(meta)
        } catch (e) {
          fail(e)
        }
      },
      onUnknown(wireType) {
        if (fault) return
        try {
          handler.onUnknown(wireType)
        } catch (e) {
          fail(e)
        }
      },
      onMalformed(reason, text) {
        if (fault) return
        try {
          handler.onMalformed(reason, text)
        } catch (e) {
          fail(e)
        }
      },
      onAttemptStart(attempt) {
        if (fault) return
        try {
          handler.onAttemptStart(attempt)
        } catch (e) {
          fail(e)
        }
      },
      onRetry(attempt, max, delayMs, error) {
        if (fault) return
        try {
          handler.onRetry(attempt, max, delayMs, error)
        } catch (e) {
          fail(e)
        }
      },
      onFallback(message) {
        if (fault) return
        try {
          handler.onFallback(message)
        } catch (e) {
          fail(e)
        }
      },
    }
    try {
      const done = await stream(body, safe, stop.signal, observer)
      if (fault) throw fault
      return done
    } catch (e) {
      const f = fault as Error | null
      // The user's interrupt stays an interrupt; a fault of ours becomes the turn's error.
      if (f && !signal.aborted)
        throw new ModelError(`could not handle the answer: ${f.message}`, 'internal', false)
      throw e
    } finally {
      signal.removeEventListener('abort', onAbort)
    }
  }
  return session
}
