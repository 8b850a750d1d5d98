// The realtime contract without sockets: inbound parsing per event name (both dialects), URLs, the
// first frame of each dialect, and the op/event schemas.
import { describe, it, expect } from 'vitest'
import { parseInbound } from '../../main/core/realtime/translate'
import { realtimeUrl } from '../../main/core/realtime/url'
import { framesFor } from '../../main/core/realtime/frames'
import { Op } from '@shared/ops'
import { EngineEvent } from '@shared/events'

const ga = (e: Record<string, unknown>) => parseInbound('v2', JSON.stringify(e))
const gen0 = (e: Record<string, unknown>) => parseInbound('gen0', JSON.stringify(e))
const payload = (r: ReturnType<typeof ga>) => (r.kind === 'event' ? r.payload : r)

describe('inbound parsing, codex backend (Gen 0)', () => {
  it('session.created takes session.id or a top-level session_id', () => {
    expect(payload(gen0({ type: 'session.created', session: { id: 'sess_1' } }))).toEqual({
      kind: 'session_created',
      sessionId: 'sess_1',
    })
    expect(payload(gen0({ type: 'session.created', session_id: 'sess_2' }))).toEqual({
      kind: 'session_created',
      sessionId: 'sess_2',
    })
  })

  it('session.updated carries the backend prompt', () => {
    expect(payload(gen0({ type: 'session.updated', session: { backend_prompt: 'bp' } }))).toEqual({
      kind: 'session_updated',
      instructions: 'bp',
    })
  })

  it('response.output_audio.delta needs sample_rate and num_channels; delta or data', () => {
    const ok = gen0({
      type: 'response.output_audio.delta',
      delta: 'AQID',
      sample_rate: 48000,
      num_channels: 1,
      samples_per_channel: 960,
    })
    expect(ok).toEqual({
      kind: 'audio',
      audio: { sampleRate: 48000, channels: 1, pcm: Buffer.from([1, 2, 3]) },
    })
    const data = gen0({
      type: 'response.output_audio.delta',
      data: 'AQID',
      sample_rate: 24000,
      num_channels: 2,
    })
    expect(data.kind === 'audio' && data.audio.channels).toBe(2)
    expect(gen0({ type: 'response.output_audio.delta', delta: 'AQID', num_channels: 1 })).toMatchObject({
      kind: 'malformed',
      message: expect.stringMatching(/"response.output_audio.delta": sample_rate/),
    })
    expect(gen0({ type: 'response.output_audio.delta', sample_rate: 24000, num_channels: 1 })).toMatchObject({
      kind: 'malformed',
    })
  })

  it('conversation.item.added forwards the raw item', () => {
    const item = { id: 'i1', type: 'message', role: 'assistant', content: [{ type: 'text', text: 'hi' }] }
    expect(payload(gen0({ type: 'conversation.item.added', item }))).toEqual({
      kind: 'item_added',
      itemId: 'i1',
      item,
    })
  })

  it('error uses message, else the stringified error; it is fatal in this dialect', () => {
    expect(gen0({ type: 'error', message: 'boom' })).toEqual({
      kind: 'event',
      payload: { kind: 'error', message: 'boom' },
      fatal: true,
    })
    expect(payload(gen0({ type: 'error', error: 'plain' }))).toMatchObject({ message: '"plain"' })
  })

  it('other events are ignored, not errors', () => {
    expect(gen0({ type: 'response.audio.delta', delta: 'AQID' })).toEqual({
      kind: 'ignored',
      eventType: 'response.audio.delta',
    })
    expect(gen0({ type: 'something.new' })).toEqual({ kind: 'ignored', eventType: 'something.new' })
  })
})

describe('inbound parsing, public API (v2, with beta aliases)', () => {
  it('audio deltas default to 24 kHz mono and keep item and response ids', () => {
    for (const type of ['response.output_audio.delta', 'response.audio.delta']) {
      expect(ga({ type, delta: 'AQID', item_id: 'it', response_id: 'r' })).toEqual({
        kind: 'audio',
        audio: { sampleRate: 24000, channels: 1, pcm: Buffer.from([1, 2, 3]), itemId: 'it', responseId: 'r' },
      })
    }
  })

  it('maps every event a client must handle', () => {
    const cases: [Record<string, unknown>, unknown][] = [
      [
        { type: 'session.updated', session: { id: 's', instructions: 'i' } },
        { kind: 'session_updated', sessionId: 's', instructions: 'i' },
      ],
      [
        { type: 'input_audio_buffer.speech_started', item_id: 'u', audio_start_ms: 120 },
        { kind: 'speech_started', itemId: 'u', audioStartMs: 120 },
      ],
      [
        { type: 'input_audio_buffer.speech_stopped', item_id: 'u', audio_end_ms: 900 },
        { kind: 'speech_stopped', itemId: 'u', audioEndMs: 900 },
      ],
      [
        { type: 'input_audio_buffer.committed', item_id: 'u' },
        { kind: 'input_committed', itemId: 'u' },
      ],
      [{ type: 'input_audio_buffer.cleared' }, { kind: 'input_cleared' }],
      [
        { type: 'conversation.item.input_audio_transcription.delta', item_id: 'u', delta: 'he' },
        { kind: 'input_transcript_delta', itemId: 'u', delta: 'he' },
      ],
      [
        { type: 'conversation.input_transcript.delta', delta: 'he' },
        { kind: 'input_transcript_delta', delta: 'he' },
      ],
      [
        { type: 'conversation.item.input_audio_transcription.completed', item_id: 'u', transcript: 'hello' },
        { kind: 'input_transcript_done', itemId: 'u', text: 'hello' },
      ],
      [
        {
          type: 'conversation.item.input_audio_transcription.failed',
          item_id: 'u',
          error: { message: 'no speech' },
        },
        { kind: 'error', message: 'no speech', code: 'transcription_failed', itemId: 'u' },
      ],
      [
        { type: 'response.output_audio_transcript.delta', item_id: 'a', response_id: 'r', delta: 'Hi' },
        { kind: 'output_transcript_delta', itemId: 'a', responseId: 'r', delta: 'Hi' },
      ],
      [
        { type: 'response.audio_transcript.delta', delta: 'Hi' },
        { kind: 'output_transcript_delta', delta: 'Hi' },
      ],
      [
        { type: 'response.output_text.delta', delta: 'Hi' },
        { kind: 'output_transcript_delta', delta: 'Hi' },
      ],
      [
        { type: 'response.text.delta', delta: 'Hi' },
        { kind: 'output_transcript_delta', delta: 'Hi' },
      ],
      [
        { type: 'response.output_audio_transcript.done', item_id: 'a', transcript: 'Hi there' },
        { kind: 'output_transcript_done', itemId: 'a', text: 'Hi there' },
      ],
      [
        { type: 'response.output_text.done', text: 'Hi there' },
        { kind: 'output_transcript_done', text: 'Hi there' },
      ],
      [
        { type: 'response.output_audio.done', item_id: 'a', response_id: 'r' },
        { kind: 'output_audio_done', itemId: 'a', responseId: 'r' },
      ],
      [
        { type: 'conversation.item.created', item: { id: 'x', type: 'message' } },
        { kind: 'item_added', itemId: 'x', item: { id: 'x', type: 'message' } },
      ],
      [
        { type: 'conversation.item.done', item: { id: 'x', type: 'function_call' } },
        { kind: 'item_done', itemId: 'x', item: { id: 'x', type: 'function_call' } },
      ],
      [
        { type: 'conversation.item.truncated', item_id: 'a', content_index: 0, audio_end_ms: 1500 },
        { kind: 'item_truncated', itemId: 'a', audioEndMs: 1500 },
      ],
      [
        { type: 'response.created', response: { id: 'r1' } },
        { kind: 'response_created', responseId: 'r1' },
      ],
      [
        { type: 'response.done', response: { id: 'r1', status: 'cancelled' } },
        { kind: 'response_done', responseId: 'r1', status: 'cancelled' },
      ],
      [
        { type: 'response.cancelled', response_id: 'r1' },
        { kind: 'response_cancelled', responseId: 'r1' },
      ],
      [
        { type: 'error', error: { type: 'invalid_request_error', code: 'bad', message: 'Nope' } },
        { kind: 'error', message: 'Nope', code: 'bad' },
      ],
    ]
    for (const [wire, expected] of cases) {
      const r = ga(wire)
      expect(r.kind, JSON.stringify(wire)).toBe('event')
      expect(JSON.parse(JSON.stringify(payload(r)))).toEqual(expected)
    }
    expect(ga({ type: 'error', error: { message: 'x' } })).toMatchObject({ fatal: false })
  })

  it('tolerates unknown events (the explicit unknown variant) and reports malformed ones', () => {
    for (const type of [
      'rate_limits.updated',
      'response.output_item.added',
      'output_audio_buffer.started',
      'x',
    ]) {
      expect(ga({ type, anything: [1] })).toEqual({ kind: 'ignored', eventType: type })
    }
    expect(parseInbound('v2', '{not json')).toEqual({
      kind: 'malformed',
      message: 'realtime event is not valid JSON',
    })
    expect(ga({ no: 'type' })).toMatchObject({ kind: 'malformed' })
    expect(parseInbound('v2', '[1,2]')).toMatchObject({ kind: 'malformed' })
    expect(ga({ type: 'conversation.item.truncated', item_id: 'a' })).toMatchObject({
      kind: 'malformed',
      message: expect.stringMatching(/"conversation.item.truncated": audio_end_ms/),
    })
  })
})

describe('realtime URLs (§10.2, §10.3 #5)', () => {
  it('Gen 0: the base as given, /ws when it has no path, ws schemes, provider params', () => {
    expect(realtimeUrl('gen0', 'http://127.0.0.1:8011')).toBe('ws://127.0.0.1:8011/ws')
    expect(realtimeUrl('gen0', 'https://example.com/')).toBe('wss://example.com/ws')
    expect(realtimeUrl('gen0', 'https://chatgpt.com/backend-api/codex/ws', { query: { a: '1' } })).toBe(
      'wss://chatgpt.com/backend-api/codex/ws?a=1',
    )
  })

  it('v2: …/realtime with the model first, no intent', () => {
    expect(realtimeUrl('v2', 'http://127.0.0.1:8011', { model: 'gpt-realtime' })).toBe(
      'ws://127.0.0.1:8011/v1/realtime?model=gpt-realtime',
    )
    expect(realtimeUrl('v2', 'https://api.openai.com/v1', { model: 'm' })).toBe(
      'wss://api.openai.com/v1/realtime?model=m',
    )
    expect(realtimeUrl('v2', 'https://api.openai.com/v1/realtime')).toBe('wss://api.openai.com/v1/realtime')
    expect(
      realtimeUrl('v2', 'https://chatgpt.com/backend-api/codex', {
        model: 'm',
        query: { intent: 'quicksilver', model: 'x', k: 'v' },
      }),
    ).toBe('wss://chatgpt.com/backend-api/codex/realtime?model=m&k=v')
  })
})

describe('first frames', () => {
  const s = {
    prompt: 'P',
    conversationId: 'c1',
    mode: 'ptt' as const,
    voice: 'marin',
    transcriptionModel: 't',
  }
  it('Gen 0 creates the session with the backend prompt and conversation id', () => {
    expect(framesFor('gen0').session(s)).toEqual({
      type: 'session.create',
      session: { backend_prompt: 'P', conversation_id: 'c1' },
    })
    expect(JSON.parse(framesFor('gen0').audio('AAAA', 2))).toEqual({
      type: 'response.input_audio.delta',
      delta: 'AAAA',
      sample_rate: 24000,
      num_channels: 1,
      samples_per_channel: 2,
    })
  })
  it('v2 updates the session: realtime type, instructions, PCM 24 kHz, voice; push-to-talk has no turn detection', () => {
    const f = framesFor('v2').session(s) as any
    expect(f).toMatchObject({ type: 'session.update', session: { type: 'realtime', instructions: 'P' } })
    expect(f.session.audio.input.turn_detection).toBeNull()
    expect(f.session.audio.output).toEqual({ format: { type: 'audio/pcm', rate: 24000 }, voice: 'marin' })
    expect(JSON.parse(framesFor('v2').audio('AAAA', 2))).toEqual({
      type: 'input_audio_buffer.append',
      audio: 'AAAA',
    })
    expect(framesFor('v2').truncate('i', 1500)).toEqual({
      type: 'conversation.item.truncate',
      item_id: 'i',
      content_index: 0,
      audio_end_ms: 1500,
    })
  })
})

describe('op and event schemas', () => {
  it('accepts the realtime ops and rejects bad ones', () => {
    expect(Op.safeParse({ type: 'realtime_start', prompt: 'p', mode: 'ptt', dialect: 'gen0' }).success).toBe(
      true,
    )
    expect(Op.safeParse({ type: 'realtime_start', prompt: 'p', conversationId: 'conv_old' }).success).toBe(
      false,
    )
    expect(Op.safeParse({ type: 'realtime_truncate', playedSamples: -1 }).success).toBe(false)
    expect(Op.safeParse({ type: 'realtime_close', extra: 1 }).success).toBe(false)
    const audio = Op.parse({ type: 'realtime_audio', frame: new ArrayBuffer(4) })
    expect(audio.type === 'realtime_audio' && audio.frame).toBeInstanceOf(Uint8Array)
  })

  it('validates the realtime events hosts forward to the renderer', () => {
    const ok = EngineEvent.safeParse({
      type: 'realtime_audio_out',
      conversationId: 'c',
      sampleRate: 24000,
      channels: 1,
      pcm: new Uint8Array(2),
    })
    expect(ok.success).toBe(true)
    expect(
      EngineEvent.safeParse({ type: 'realtime_event', conversationId: 'c', payload: { kind: 'nope' } })
        .success,
    ).toBe(false)
    expect(
      EngineEvent.safeParse({ type: 'realtime_closed', conversationId: 'c', reason: 'transport_closed' })
        .success,
    ).toBe(true)
  })
})
