// Streams one assistant answer in the dialect's events: audio deltas of a tone plus transcript
// deltas, with scripted barge-in, stall and drop points.
import { tone, pcm16ToBytes } from '../../main/core/audio/pcm'
import { RATE } from './realtime-validate'
import type { RealtimeAnswer, RealtimeDialect } from './realtime-types'
import { newId, splitChunks } from './script-base'

export const DEFAULT_ANSWER_TEXT = 'Hello from the emulator.'

export interface ActiveResponse {
  id: string
  itemId: string
  cancelled: boolean
  /** Resolves a stalled answer when the client cancels. */
  wake?: () => void
}

/** What an answer needs from its connection. */
export interface AnswerHost {
  dialect: RealtimeDialect
  send(event: Record<string, unknown>): Promise<void>
  sleep(ms: number): Promise<void>
  isOpen(): boolean
  terminate(): void
  /** Barge-in: sends speech_started; true when the server cancels the response because of it. */
  userInterrupts(): boolean
  noteAssistantAudio(itemId: string, samples: number): void
  previousItemId(): string | undefined
  setActive(r: ActiveResponse | null): void
}

export async function streamAnswer(host: AnswerHost, a: RealtimeAnswer): Promise<void> {
  const v2 = host.dialect === 'v2'
  const r: ActiveResponse = { id: newId('resp'), itemId: newId('item'), cancelled: false }
  const transcript = a.transcript ?? DEFAULT_ANSWER_TEXT
  const samples = Math.round(((a.audioMs ?? 600) * RATE) / 1000)
  const pcm = pcm16ToBytes(tone(samples, { hz: 330, amplitude: 0.25 }))
  const chunks = Math.max(1, a.chunks ?? 3)
  const texts = splitChunks(transcript, chunks)
  const bytesPer = Math.ceil(pcm.byteLength / chunks / 2) * 2
  const item = { id: r.itemId, type: 'message', role: 'assistant', object: 'realtime.item' }
  host.setActive(r)
  if (v2) {
    await host.send({
      type: 'response.created',
      response: { id: r.id, object: 'realtime.response', status: 'in_progress', output: [] },
    })
    await host.send({
      type: 'response.output_item.added',
      response_id: r.id,
      output_index: 0,
      item: { ...item, status: 'in_progress', content: [] },
    })
    await host.send({
      type: 'conversation.item.added',
      previous_item_id: host.previousItemId() ?? null,
      item: { ...item, status: 'in_progress', content: [] },
    })
  }
  const ids = { response_id: r.id, item_id: r.itemId, output_index: 0, content_index: 0 }
  for (let i = 0; i < chunks; i++) {
    if (r.cancelled || !host.isOpen()) break
    if (i === a.dropAfter) return host.terminate()
    if (i === a.speechStartedAfter && host.userInterrupts()) r.cancelled = true
    if (i === a.stallAfter && !r.cancelled) {
      await new Promise<void>((resolve) => (r.wake = resolve))
    }
    if (r.cancelled || !host.isOpen()) break
    const part = pcm.subarray(i * bytesPer, Math.min((i + 1) * bytesPer, pcm.byteLength))
    if (part.byteLength > 0) {
      const delta = Buffer.from(part).toString('base64')
      host.noteAssistantAudio(r.itemId, part.byteLength / 2)
      await host.send(
        v2
          ? { type: 'response.output_audio.delta', ...ids, delta }
          : {
              type: 'response.output_audio.delta',
              delta,
              sample_rate: RATE,
              num_channels: 1,
              samples_per_channel: part.byteLength / 2,
              item_id: r.itemId,
            },
      )
    }
    const text = texts[i]
    if (v2 && text) await host.send({ type: 'response.output_audio_transcript.delta', ...ids, delta: text })
    if (a.delayMs) await host.sleep(a.delayMs)
  }
  host.setActive(null)
  if (!host.isOpen()) return
  if (r.cancelled) {
    if (v2)
      await host.send({
        type: 'response.done',
        response: { id: r.id, object: 'realtime.response', status: 'cancelled', output: [] },
      })
    return
  }
  const done = { ...item, status: 'completed', content: [{ type: 'output_audio', transcript }] }
  if (!v2) {
    // Gen 0 carries the assistant's text as a message item.
    await host.send({
      type: 'conversation.item.added',
      item: { ...item, content: [{ type: 'text', text: transcript }] },
    })
    return
  }
  await host.send({ type: 'response.output_audio.done', ...ids })
  await host.send({ type: 'response.output_audio_transcript.done', ...ids, transcript })
  await host.send({ type: 'response.output_item.done', response_id: r.id, output_index: 0, item: done })
  await host.send({ type: 'conversation.item.done', item: done })
  await host.send({
    type: 'response.done',
    response: { id: r.id, object: 'realtime.response', status: 'completed', output: [done] },
  })
}
