// Routes bridge events: message text to the stream store (coalesced per frame, outside React),
// everything else to the reducer. A streaming message costs one dispatch when it starts, not one
// per delta.
import type { BridgeEvent } from '@shared/bridge'
import type { StreamStore } from '../stream/stream-store'
import type { ChatAction } from './chat-state'

export function createEventRouter(streams: StreamStore, dispatch: (a: ChatAction) => void) {
  const streaming = new Set<string>()
  const startOnce = (e: BridgeEvent & { turnId: string }) => {
    if (streaming.has(e.turnId)) return
    streaming.add(e.turnId)
    dispatch({ type: 'event', event: e })
  }
  return (e: BridgeEvent): void => {
    switch (e.type) {
      case 'agent_message_delta':
        streams.append(e.turnId, e.delta)
        return startOnce(e)
      case 'agent_message_reset':
        streams.replace(e.turnId, e.text)
        return startOnce(e)
      case 'turn_started':
      case 'agent_message':
        streaming.delete(e.turnId)
        streams.clear(e.turnId)
        return dispatch({ type: 'event', event: e })
      case 'turn_complete':
      case 'turn_aborted': {
        // Whatever was streamed but never completed as a message is kept as a partial answer.
        streams.flush(e.turnId)
        const leftover = streams.text(e.turnId)
        streaming.delete(e.turnId)
        streams.clear(e.turnId)
        return dispatch({ type: 'event', event: e, ...(leftover ? { leftover } : {}) })
      }
      default:
        return dispatch({ type: 'event', event: e })
    }
  }
}
