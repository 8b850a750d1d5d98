// A conversation's WebSocket connection and its incremental-request state (protocol.md §1.6,
// v2 rules): reuse the socket, and send only new input with `previous_response_id` when every
// other field is unchanged and the new input extends the previous input plus its outputs.
import type { ResponsesRequest, ResponseCreateFrame } from '@shared/wire/request'
import { parseItem } from '@shared/wire/events'
import { stripId } from '@shared/wire/items'
import type { ResponsesSocket } from './websocket'
import { emptyMeta, type ResponseMeta } from './headers'

interface LastRequest {
  fields: string
  /** JSON of each item of the previous input followed by the previous response's output items. */
  prefix: string[]
  responseId: string
}

export class WsConversation {
  socket: ResponsesSocket | null = null
  handshakeMeta: ResponseMeta = emptyMeta()
  private last: LastRequest | null = null

  adopt(socket: ResponsesSocket, meta: ResponseMeta): ResponsesSocket {
    this.socket = socket
    this.handshakeMeta = meta
    this.last = null
    return socket
  }

  /** Drop the socket at once; a new one starts with no incremental state. */
  discard(): void {
    this.socket?.terminate()
    this.socket = null
    this.last = null
  }

  frameFor(body: ResponsesRequest): string {
    const last = this.last
    if (
      last &&
      last.responseId &&
      fieldsKey(body) === last.fields &&
      body.input.length >= last.prefix.length
    ) {
      let matches = true
      for (let i = 0; i < last.prefix.length; i++) {
        if (JSON.stringify(body.input[i]) !== last.prefix[i]) {
          matches = false
          break
        }
      }
      if (matches) {
        const frame: ResponseCreateFrame = {
          type: 'response.create',
          ...body,
          previous_response_id: last.responseId,
          input: body.input.slice(last.prefix.length),
        }
        return JSON.stringify(frame)
      }
    }
    const frame: ResponseCreateFrame = { type: 'response.create', ...body }
    return JSON.stringify(frame)
  }

  remember(body: ResponsesRequest, responseId: string, rawOutputs: unknown[]): void {
    const outputs: string[] = []
    for (const raw of rawOutputs) {
      const item = parseItem(raw)
      if (item) outputs.push(JSON.stringify(stripId(item)))
    }
    this.last = {
      fields: fieldsKey(body),
      prefix: [...body.input.map((i) => JSON.stringify(i)), ...outputs],
      responseId,
    }
  }
}

function fieldsKey(body: ResponsesRequest): string {
  const { input: _input, ...rest } = body
  return JSON.stringify(rest)
}
