// Resource limits of dictation and the audio endpoints: a cap on recording dictations, an end
// for abandoned ones, the socket of a replaced dictation closed, and answers of bounded size.
import { afterEach, describe, expect, it, vi } from 'vitest'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomUUID } from 'node:crypto'
import { SpeechManager } from '../../main/core/speech/manager'
import { postStreaming } from '../../main/core/speech/http-body'
import { MAX_TRANSCRIPTION_ANSWER_BYTES, transcribe } from '../../main/core/speech/transcribe'
import { makeProvider } from '../../main/core/provider-factory'
import type { EngineEvent } from '../../shared/events'

function manager(opts: { dictationIdleMs?: number } = {}) {
  const events: EngineEvent[] = []
  const closed: number[] = []
  let opened = 0
  const m = new SpeechManager({
    provider: makeProvider({ id: 'openai', baseUrl: 'http://127.0.0.1:9', apiKey: 'sk-test' }),
    defaultHeaders: {},
    emit: (e) => events.push(e),
    logger: { log: () => undefined } as never,
    ...opts,
    openLive: () => {
      const n = ++opened
      return {
        append: () => undefined,
        finish: () => Promise.resolve({ text: '', serviceMs: 0 }),
        close: () => closed.push(n),
      }
    },
  })
  return { m, events, closed }
}

const errors = (events: EngineEvent[]) =>
  events.filter((e) => e.type === 'dictation_error').map((e) => ('message' in e ? e.message : ''))

afterEach(() => vi.useRealTimers())

describe('dictation limits', () => {
  it('refuses a third recording dictation with a clear error; a cancel frees a place', async () => {
    const { m, events } = manager()
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()]
    await m.submit({ type: 'dictation_start', dictationId: a })
    await m.submit({ type: 'dictation_start', dictationId: b })
    await m.submit({ type: 'dictation_start', dictationId: c })
    expect(errors(events)).toEqual(['Not started: 2 dictations are already recording. Stop one first.'])
    await m.submit({ type: 'dictation_cancel', dictationId: a })
    await m.submit({ type: 'dictation_start', dictationId: c })
    expect(errors(events)).toHaveLength(1)
    m.close()
  })

  it('a restart with the same id closes the old Realtime session', async () => {
    const { m, closed } = manager()
    const id = randomUUID()
    await m.submit({ type: 'dictation_start', dictationId: id, via: 'realtime' })
    await m.submit({ type: 'dictation_start', dictationId: id, via: 'realtime' })
    expect(closed).toEqual([1])
    m.close()
    expect(closed).toEqual([1, 2])
  })

  it('ends an abandoned dictation after the idle time; audio keeps it alive', async () => {
    vi.useFakeTimers()
    const { m, events, closed } = manager({ dictationIdleMs: 1000 })
    const id = randomUUID()
    await m.submit({ type: 'dictation_start', dictationId: id, via: 'realtime' })
    vi.advanceTimersByTime(800)
    await m.submit({ type: 'dictation_audio', dictationId: id, frame: new Uint8Array(480) })
    vi.advanceTimersByTime(800)
    expect(errors(events)).toEqual([])
    vi.advanceTimersByTime(300)
    expect(errors(events)).toEqual(['Dictation ended: no audio for 1 s.'])
    expect(closed).toEqual([1])
    // It no longer counts against the cap, and a late stop says it is not running.
    await m.submit({ type: 'dictation_stop', dictationId: id })
    expect(errors(events).at(-1)).toBe('This dictation is not running.')
  })
})

async function server(type: string, bytes: number) {
  const s = http.createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      res.writeHead(200, { 'content-type': type })
      const chunk = Buffer.alloc(64 * 1024, 0x20)
      let sent = 0
      const pump = () => {
        while (sent < bytes) {
          sent += chunk.length
          if (!res.write(chunk)) return void res.once('drain', pump)
        }
        res.end()
      }
      pump()
    })
  })
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
  const base = `http://127.0.0.1:${(s.address() as AddressInfo).port}/v1`
  return { base, close: () => new Promise<void>((r) => s.close(() => r())) }
}

describe('audio answer size', () => {
  it('ends a 2xx answer past maxBytes with a clear error', async () => {
    const s = await server('audio/pcm', 1024 * 1024)
    let got = 0
    const r = postStreaming({
      provider: makeProvider({ id: 'openai', baseUrl: s.base, apiKey: 'sk-test' }),
      defaultHeaders: {},
      path: 'audio/speech',
      headers: {},
      body: new Uint8Array(1),
      signal: new AbortController().signal,
      maxBytes: 128 * 1024,
      onChunk: (c) => (got += c.length),
    })
    await expect(r).rejects.toThrow('the answer from /v1/audio/speech is larger than 131072 bytes')
    expect(got).toBeLessThanOrEqual(128 * 1024)
    await s.close()
  })

  it('refuses a JSON transcription answer over the limit', async () => {
    const s = await server('application/json', MAX_TRANSCRIPTION_ANSWER_BYTES + 128 * 1024)
    const r = transcribe({
      provider: makeProvider({ id: 'openai', baseUrl: s.base, apiKey: 'sk-test' }),
      defaultHeaders: {},
      wav: new Uint8Array(44),
      model: 'whisper-1',
    })
    await expect(r).rejects.toThrow(/larger than 8388608 bytes/)
    await s.close()
  })
})
