// Client → server frames of both dialects (protocol.md §10.2, §10.4). Each dialect speaks its own
// wire; the manager only calls these builders.
import { REALTIME_SAMPLE_RATE, type RealtimeDialect, type RealtimeMode } from '@shared/realtime'

export interface SessionSettings {
  prompt: string
  conversationId: string
  mode: RealtimeMode
  voice: string
  /** Input transcription model (v2); transcripts of the user's speech come from it. */
  transcriptionModel: string
}

export type Frame = Record<string, unknown>

const PCM_FORMAT = { type: 'audio/pcm', rate: REALTIME_SAMPLE_RATE }

export interface DialectFrames {
  /** The first frame on a new socket. */
  session(s: SessionSettings): Frame
  /** A prompt change while the conversation runs. */
  prompt(prompt: string, conversationId: string): Frame
  /** One PCM16 frame already in base64; `samples` per channel. Built as a string: it runs 50×/s. */
  audio(base64: string, samples: number): string
  /** Frames that add a typed user message (and ask for an answer where the dialect needs it). */
  text(text: string, requestResponse: boolean): Frame[]
  /** Push-to-talk release; null when the dialect has no manual turns. */
  commit(): Frame[] | null
  clear(): Frame | null
  truncate(itemId: string, audioEndMs: number): Frame | null
  cancel(): Frame | null
}

const gen0: DialectFrames = {
  session: (s) => ({
    type: 'session.create',
    session: { backend_prompt: s.prompt, conversation_id: s.conversationId },
  }),
  prompt: (prompt, conversationId) => ({
    type: 'session.update',
    session: { backend_prompt: prompt, conversation_id: conversationId },
  }),
  audio: (b64, samples) =>
    `{"type":"response.input_audio.delta","delta":"${b64}","sample_rate":${REALTIME_SAMPLE_RATE},"num_channels":1,"samples_per_channel":${samples}}`,
  text: (text) => [
    {
      type: 'conversation.item.create',
      item: { type: 'message', role: 'user', content: [{ type: 'text', text }] },
    },
  ],
  // The codex backend documents no manual turns, truncation or cancel: it runs its own turn taking.
  commit: () => null,
  clear: () => null,
  truncate: () => null,
  cancel: () => null,
}

const v2: DialectFrames = {
  session: (s) => ({
    type: 'session.update',
    session: {
      type: 'realtime',
      instructions: s.prompt,
      output_modalities: ['audio'],
      audio: {
        input: {
          format: PCM_FORMAT,
          noise_reduction: { type: 'near_field' },
          transcription: { model: s.transcriptionModel },
          // Push-to-talk turns detection off: the host commits each turn on release.
          turn_detection:
            s.mode === 'vad' ? { type: 'server_vad', interrupt_response: true, create_response: true } : null,
        },
        output: { format: PCM_FORMAT, voice: s.voice },
      },
    },
  }),
  prompt: (prompt) => ({ type: 'session.update', session: { type: 'realtime', instructions: prompt } }),
  audio: (b64) => `{"type":"input_audio_buffer.append","audio":"${b64}"}`,
  text: (text, requestResponse) => {
    const create = {
      type: 'conversation.item.create',
      item: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] },
    }
    // A text item never triggers an answer on its own in the public API.
    return requestResponse ? [create, { type: 'response.create' }] : [create]
  },
  commit: () => [{ type: 'input_audio_buffer.commit' }, { type: 'response.create' }],
  clear: () => ({ type: 'input_audio_buffer.clear' }),
  truncate: (itemId, audioEndMs) => ({
    type: 'conversation.item.truncate',
    item_id: itemId,
    content_index: 0,
    audio_end_ms: audioEndMs,
  }),
  cancel: () => ({ type: 'response.cancel' }),
}

export function framesFor(dialect: RealtimeDialect): DialectFrames {
  return dialect === 'gen0' ? gen0 : v2
}
