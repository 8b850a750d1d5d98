// Review fixes around compaction: state survives an idle socket release, the retry keeps the
// turn's options, and a history that ends with an unanswered tool call (crash while it waited for
// approval) still gives requests the strict emulator accepts.
import { describe, it, expect, afterEach } from 'vitest'
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { harness, bodyOf, type Harness } from './harness'
import { fatalErrors, inputOf, scriptAnswers, textOf } from './compaction-helpers'
import { textAnswer } from '../emulator/scripts'
import { HistoryStore } from '../../main/core/history/store'
import { userMessage } from '@shared/wire/items'
import { NOT_RUN_OUTPUT } from '../../main/core/compaction/tool-pairs'

let h: Harness
afterEach(async () => h?.close())

describe('compaction review fixes', () => {
  it('compact {retry} after the idle socket release resends the failed turn with its options', async () => {
    h = await harness({
      emulator: { contextWindow: 2000 },
      session: { compactAndRetry: false, limits: { socketIdleMs: 1 } },
    })
    scriptAnswers(h.emu, 20)
    let id = ''
    for (let i = 1; fatalErrors(h).length === 0; i++) {
      const conversationId = id || undefined
      await h.session.submit({
        type: 'user_turn',
        text: `Question ${i}`,
        webSearch: true,
        ...(conversationId ? { conversationId } : {}),
      })
      id = h.of('turn_started').at(-1)!.conversationId
    }
    const failedText = textOf(inputOf(h.emu.responsesRequests().at(-1)).at(-1)!)
    // Let the idle timer release the socket and file (the conversation stays in memory).
    await sleep(50)
    const before = h.emu.responsesRequests().length
    await h.session.submit({ type: 'compact', conversationId: id, retry: true })
    expect(h.of('context_compacted')[0]).toMatchObject({ reason: 'overflow' })
    // The failed turn is not folded into the summary...
    const compactInput = (h.emu.compactRequests()[0]!.body as { input: unknown[] }).input
    expect(JSON.stringify(compactInput)).not.toContain(failedText)
    // ...and is resent once, with its web search option.
    expect(h.emu.responsesRequests().length).toBe(before + 1)
    const last = inputOf(h.emu.responsesRequests().at(-1))
    expect(textOf(last.at(-1)!)).toBe(failedText)
    expect(bodyOf(h.emu, before).tools).toEqual([{ type: 'web_search' }])
    expect(h.events.at(-1)?.type).toBe('turn_complete')
  })

  it('a history ending with an unanswered function_call loads and the next request is accepted', async () => {
    h = await harness()
    const id = randomUUID()
    const store = new HistoryStore(h.dataDir)
    store.create(id, 'openai', 'gpt-5')
    store.appendItem(id, 't1', userMessage('List the files'))
    store.appendItem(id, 't1', {
      type: 'function_call',
      name: 'list_files',
      arguments: '{}',
      call_id: 'call_1',
    })
    store.close()
    h.emu.script({ steps: textAnswer('Sorry, that did not run.') })
    await h.turn('Try again', { conversationId: id })
    expect(fatalErrors(h)).toEqual([])
    expect(h.of('turn_complete')).toHaveLength(1)
    const input = inputOf(h.emu.responsesRequests().at(-1)) as unknown as Record<string, unknown>[]
    expect(input.map((i) => i.type)).toEqual(['message', 'function_call', 'function_call_output', 'message'])
    expect(input[2]).toMatchObject({ call_id: 'call_1', output: NOT_RUN_OUTPUT })
  })
})
