// The bridge transport over Electron IPC: three fixed channels, nothing else. The page never sees
// ipcRenderer; it gets the validated AssistantBridge built on top of this.
import type { IpcRenderer, IpcRendererEvent } from 'electron'
import { CHANNELS, type BridgeTransport, type Reply } from '@shared/bridge'

export type IpcLike = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>

export function ipcTransport(ipc: IpcLike): BridgeTransport {
  return {
    op: (op) => ipc.invoke(CHANNELS.op, op) as Promise<Reply>,
    query: (name, input) => ipc.invoke(CHANNELS.query, { name, input }) as Promise<Reply>,
    listen(onEvent) {
      const handler = (_event: IpcRendererEvent, raw: unknown) => onEvent(raw)
      ipc.on(CHANNELS.event, handler)
      return () => ipc.removeListener(CHANNELS.event, handler)
    },
  }
}
