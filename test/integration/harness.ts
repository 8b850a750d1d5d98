// Engine-against-emulator harness: a Session on a temp data dir, every event recorded.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator/index'
import { Session, type SessionOptions } from '../../main/core/session'
import { makeProvider, type ProviderSettings } from '../../main/core/provider-factory'
import type { EngineEvent, EngineEventOf } from '@shared/events'
import type { Logger, LogLevel } from '../../main/core/log'

export interface Harness {
  emu: Emulator
  session: Session
  dataDir: string
  events: EngineEvent[]
  logs: { level: LogLevel; message: string; fields?: Record<string, unknown> }[]
  of<T extends EngineEvent['type']>(type: T): EngineEventOf<T>[]
  text(): string
  close(): Promise<void>
  turn(text: string, extra?: { conversationId?: string; model?: string }): Promise<string>
}

export const API_KEY = 'sk-test-emulator'

export async function harness(
  opts: {
    emulator?: EmulatorOptions
    provider?: Partial<ProviderSettings> | ((emu: Emulator) => Partial<ProviderSettings>)
    session?: Partial<SessionOptions>
    emu?: Emulator
  } = {},
): Promise<Harness> {
  const emu = opts.emu ?? (await startEmulator(opts.emulator))
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-'))
  const logs: Harness['logs'] = []
  const logger: Logger = {
    log: (level, message, fields) => logs.push({ level, message, ...(fields ? { fields } : {}) }),
  }
  const provider = makeProvider({
    id: 'openai',
    baseUrl: emu.openaiBase,
    apiKey: API_KEY,
    websockets: false,
    ...(typeof opts.provider === 'function' ? opts.provider(emu) : opts.provider),
  })
  const session = new Session({
    provider,
    dataDir,
    transport: 'sse',
    logger,
    random: () => 0.5,
    retryBaseDelayMs: 5,
    ...opts.session,
  })
  const events: EngineEvent[] = []
  session.subscribe((e) => events.push(e))
  let lastConversation: string | undefined
  return {
    emu,
    session,
    dataDir,
    events,
    logs,
    of: <T extends EngineEvent['type']>(type: T) =>
      events.filter((e): e is EngineEventOf<T> => e.type === type),
    text: () =>
      events.reduce((acc, e) => {
        if (e.type === 'agent_message_delta') return acc + e.delta
        if (e.type === 'agent_message_reset') return e.text
        return acc
      }, ''),
    async turn(text, extra = {}) {
      const conversationId = extra.conversationId ?? lastConversation
      await session.submit({
        type: 'user_turn',
        text,
        ...(conversationId ? { conversationId } : {}),
        ...(extra.model ? { model: extra.model } : {}),
      })
      const configured = events.filter((e) => e.type === 'session_configured').at(-1)
      lastConversation =
        conversationId ?? (configured as { conversationId: string } | undefined)?.conversationId
      return lastConversation!
    },
    async close() {
      await session.close()
      if (!opts.emu) await emu.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export function bodyOf(emu: Emulator, index: number): Record<string, any> {
  const r = emu.responsesRequests()[index]
  if (!r) throw new Error(`no request #${index}`)
  return r.body as Record<string, any>
}
