// The three IPC channels, each behind the sender check. A refused message gets an error reply and
// a log line with the reason; an accepted one goes to the HostCore, which validates the payload.
import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { CHANNELS, type BridgeEvent, type Reply } from '@shared/bridge'
import type { Logger } from '../core/log'
import type { HostCore } from '../host/core'
import { checkSender, type SenderInfo, type SenderPolicy } from './sender-check'

export function senderInfo(event: IpcMainInvokeEvent): SenderInfo {
  const frame = event.senderFrame
  return {
    frameUrl: frame ? frame.url : null,
    isMainFrame:
      frame !== null && frame.parent === null && frame.routingId === event.sender.mainFrame.routingId,
    webContentsId: event.sender.id,
  }
}

export const sinkIdOf = (webContentsId: number): string => `wc:${webContentsId}`

export interface IpcDeps {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>
  core: HostCore
  policy: SenderPolicy
  logger: Logger
  /** A window attached (its page asked for events); pending navigation can be sent now. */
  onAttached?: (sinkId: string) => void
  /** For tests: how to read the sender (defaults to the real event fields). */
  readSender?: (event: IpcMainInvokeEvent) => SenderInfo
}

export function bindIpc(deps: IpcDeps): () => void {
  const read = deps.readSender ?? senderInfo
  const verify = (event: IpcMainInvokeEvent, channel: string): Reply | null => {
    const verdict = checkSender(read(event), deps.policy)
    if (verdict.ok) return null
    deps.logger.log('warn', 'refused an IPC message', { channel, reason: verdict.reason })
    return { ok: false, error: `refused: ${verdict.reason}` }
  }

  deps.ipcMain.handle(
    CHANNELS.op,
    (event, raw: unknown) => verify(event, CHANNELS.op) ?? deps.core.op(raw, sinkIdOf(event.sender.id)),
  )

  deps.ipcMain.handle(CHANNELS.query, async (event, raw: unknown) => {
    const refused = verify(event, CHANNELS.query)
    if (refused) return refused
    const contents = event.sender
    const sinkId = sinkIdOf(contents.id)
    const sink = (e: BridgeEvent) => {
      if (contents.isDestroyed()) throw new Error('window closed')
      contents.send(CHANNELS.event, e)
    }
    const reply = await deps.core.query(raw, { sinkId, sink })
    if (reply.ok && (raw as { name?: unknown } | null)?.name === 'events.attach') deps.onAttached?.(sinkId)
    return reply
  })

  return () => {
    deps.ipcMain.removeHandler(CHANNELS.op)
    deps.ipcMain.removeHandler(CHANNELS.query)
  }
}
