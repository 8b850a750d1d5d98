// The page's only way to the host: `window.assistant` (set by the Electron preload), or, in the
// browser host, the same client over the page's own WebSocket. The UI cannot tell them apart.
import { createBridge, type AssistantBridge } from '@shared/bridge'
import { createWsTransport, type WebSocketLike } from '@shared/bridge/ws-transport'

declare global {
  interface Window {
    assistant?: AssistantBridge
  }
}

function browserBridge(): AssistantBridge {
  const url = new URL('/bridge', window.location.href)
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  // The DOM WebSocket is a WebSocketLike; only its handler types are declared more narrowly.
  return createBridge(createWsTransport(url.toString(), (u) => new WebSocket(u) as unknown as WebSocketLike))
}

export const bridge: AssistantBridge = window.assistant ?? browserBridge()
// Same name in both hosts, so scripts and tests can reach it the same way.
if (!window.assistant) window.assistant = bridge
