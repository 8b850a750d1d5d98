// Issue 11, finding 1 (the process-level part): a throw while handling one stream (here a history
// append failing inside the transport's data callback) must end that turn with an error event in
// its own conversation, never escape to the process; the engine keeps serving the next turn.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { harness, type Harness } from './harness'
import { HistoryStore } from '../../main/core/history/store'
import { textAnswer } from '../emulator/scripts'

let h: Harness | null = null
afterEach(async () => {
  vi.restoreAllMocks()
  await h?.close()
  h = null
})

for (const transport of ['sse', 'websocket'] as const) {
  describe(`a handler throwing mid-stream (${transport})`, () => {
    it('fails only that turn, with an error event in its conversation, and the next turn works', async () => {
      h = await harness({
        provider: { websockets: transport === 'websocket' },
        session: { transport },
      })
      const real = HistoryStore.prototype.appendItem
      const spy = vi.spyOn(HistoryStore.prototype, 'appendItem').mockImplementation(function (
        this: HistoryStore,
        ...args: Parameters<HistoryStore['appendItem']>
      ) {
        const item = args[2]
        if (item.type === 'message' && item.role === 'assistant' && !args[3])
          throw new RangeError('Maximum call stack size exceeded')
        return real.apply(this, args)
      })
      h.emu.script({ steps: textAnswer('this answer cannot be saved', { chunks: 4 }) })
      const first = await h.turn('first')
      const errors = h.of('error')
      expect(errors).toHaveLength(1)
      expect(errors[0]).toMatchObject({
        conversationId: first,
        code: 'internal',
        fatal: true,
        message: expect.stringMatching(/could not handle the answer: Maximum call stack/),
      })
      expect(h.of('turn_aborted')).toMatchObject([{ conversationId: first, reason: 'error' }])
      expect(h.of('turn_complete')).toHaveLength(0)

      spy.mockRestore()
      h.emu.script({ steps: textAnswer('second answer') })
      await h.turn('second', { conversationId: first })
      expect(h.of('turn_complete')).toHaveLength(1)
      const loaded = await h.session.loadConversation(first)
      const texts = loaded!.items.map((r) => JSON.stringify(r.item))
      expect(texts.some((t) => t.includes('second answer'))).toBe(true)
      // The failed turn is on record as failed, with its reason.
      expect(loaded!.turns[0]).toMatchObject({
        status: 'failed',
        error: expect.stringMatching(/could not handle/),
      })
    })
  })
}
