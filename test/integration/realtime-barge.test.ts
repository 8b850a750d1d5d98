// Barge-in over real sockets: the host reports how much of the assistant's audio was played; the
// engine truncates the item there (cancelling the response only when the server has not already)
// and the history keeps what was heard.
import { describe, it, expect, afterEach } from 'vitest'
import { rtHarness, voice, silence, type RtHarness } from './realtime-helpers'

let h: RtHarness
afterEach(async () => h?.close())

const clientTypes = (h: RtHarness) =>
  h.emu.realtime
    .frames(1)
    .map((f) => f.type)
    .filter((t) => t !== 'input_audio_buffer.append')

describe('realtime barge-in', () => {
  it('hands-free: speech during the answer → truncate at the played position, no cancel, partial history', async () => {
    h = await rtHarness()
    h.emu.realtime.script({
      inputTranscripts: ['count to eight', 'stop, what was that'],
      answers: [
        {
          transcript: 'One two three four five six seven eight',
          audioMs: 600,
          chunks: 6,
          speechStartedAfter: 2,
        },
        { transcript: 'I was counting.', audioMs: 200 },
      ],
    })
    const { conversationId } = await h.start()
    await h.audio(voice(300))
    await h.audio(silence(400))
    await h.payload('speech_started', 2) // the emulator's barge-in, mid-answer
    const answerItem = h.of('realtime_audio_out')[0]!.itemId!
    expect(h.of('realtime_audio_out').reduce((n, e) => n + e.pcm.byteLength / 2, 0)).toBe(2 * 2400)
    // The host's playback had played 50 ms of it when it stopped.
    await h.session.submit({ type: 'realtime_truncate', playedSamples: 1200 })
    expect(await h.payload('item_truncated')).toEqual({
      kind: 'item_truncated',
      itemId: answerItem,
      audioEndMs: 50,
    })
    expect((await h.payload('response_done')).status).toBe('cancelled')
    const [truncate] = h.emu.realtime.truncates(1)
    expect(truncate?.problem).toBeUndefined()
    expect(truncate?.body).toEqual({
      type: 'conversation.item.truncate',
      item_id: answerItem,
      content_index: 0,
      audio_end_ms: 50,
    })
    // Server VAD with interrupt_response already cancelled the answer: no response.cancel.
    expect(clientTypes(h)).not.toContain('response.cancel')

    // The user goes on talking; the next answer completes.
    await h.audio(voice(200))
    await h.audio(silence(400))
    await h.payload('response_done', 2)
    await h.session.submit({ type: 'realtime_close' })
    const conv = (await h.session.loadConversation(conversationId))!
    expect(
      conv.items.map((r) => [(r.item as any).role, (r.item as any).content[0].text, r.partial ?? false]),
    ).toEqual([
      ['user', 'count to eight', false],
      // The answer was cut after 2 of 6 deltas ('One two thre'); 50 of its 200 ms were heard.
      ['assistant', 'One', true],
      ['user', 'stop, what was that', false],
      ['assistant', 'I was counting.', false],
    ])
    expect(conv.turns.map((t) => t.status)).toEqual(['interrupted', 'completed'])
  })

  it('push-to-talk: interrupting a running answer sends response.cancel, then the truncate', async () => {
    h = await rtHarness()
    h.emu.realtime.script({
      answers: [{ transcript: 'A long answer that keeps going.', audioMs: 600, chunks: 4, stallAfter: 2 }],
    })
    await h.start({ mode: 'ptt' })
    await h.audio(voice(200))
    await h.session.submit({ type: 'realtime_commit' })
    await h.until(() => h.of('realtime_audio_out').length === 2)
    await h.session.submit({ type: 'realtime_clear' }) // the hotkey is pressed again
    await h.session.submit({ type: 'realtime_truncate', playedSamples: 2400 })
    expect((await h.payload('response_done')).status).toBe('cancelled')
    expect((await h.payload('item_truncated')).audioEndMs).toBe(100)
    expect(clientTypes(h)).toEqual([
      'session.update',
      'input_audio_buffer.commit',
      'response.create',
      'input_audio_buffer.clear',
      'response.cancel',
      'conversation.item.truncate',
    ])
    expect(h.emu.realtime.frames(1).every((f) => f.problem === undefined)).toBe(true)
    expect(h.payloads('error')).toEqual([])
  })

  it('bounds a truncate to the audio received and names the item the host gives', async () => {
    h = await rtHarness()
    h.emu.realtime.script({ answers: [{ audioMs: 300, chunks: 3 }] })
    await h.start()
    await h.session.submit({ type: 'realtime_text', text: 'talk' })
    await h.payload('response_done')
    const itemId = h.of('realtime_audio_out')[0]!.itemId!
    await h.session.submit({ type: 'realtime_truncate', itemId, playedSamples: 10_000_000 })
    expect(await h.payload('item_truncated')).toEqual({ kind: 'item_truncated', itemId, audioEndMs: 300 })
    // The answer had finished: nothing to cancel.
    expect(h.emu.realtime.frames(1).map((f) => f.type)).not.toContain('response.cancel')
  })

  it('a truncate before any assistant audio is a clear error', async () => {
    h = await rtHarness()
    await h.start()
    await h.session.submit({ type: 'realtime_truncate', playedSamples: 100 })
    expect(h.of('error')[0]).toMatchObject({
      code: 'bad_request',
      message: 'There is no assistant audio to truncate.',
    })
  })
})
