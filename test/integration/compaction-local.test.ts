import { describe, it, expect, afterEach } from 'vitest'
import { harness, type Harness } from './harness'
import {
  drive,
  fatalErrors,
  inputOf,
  isSummaryRequest,
  scriptAnswers,
  textOf,
  turnRequests,
} from './compaction-helpers'
import { COMPACT_PROMPT, LOCAL_WARNING, SUMMARY_PREFIX } from '../../main/core/compaction/prompt'

let h: Harness
afterEach(async () => h?.close())

const custom = (websockets: boolean) => (emu: { openaiBase: string }) => ({
  id: 'custom' as const,
  baseUrl: emu.openaiBase,
  apiKey: 'sk-test-emulator',
  websockets,
})

describe('local compaction (a summary the model writes)', () => {
  it('SSE: summarizes before the turn that would overflow; the next request has recent questions + summary', async () => {
    h = await harness({
      provider: custom(false),
      emulator: { contextWindow: 3000 },
      session: { autoCompactTokenLimit: 2400 },
    })
    scriptAnswers(h.emu, 40, 'SUMMARY: the user asks numbered questions.')
    await drive(h, 25)
    expect(h.of('turn_complete')).toHaveLength(25)
    expect(fatalErrors(h)).toEqual([])
    expect(h.emu.compactRequests()).toEqual([])
    const [c] = h.of('context_compacted')
    expect(c).toMatchObject({ mode: 'local', reason: 'auto', itemsDropped: 0 })
    // The summary request: the whole conversation, then the compaction prompt; no events leak into the transcript.
    const summaryReq = h.emu.responsesRequests().find((r) => isSummaryRequest(r.body))!
    expect(textOf(inputOf(summaryReq).at(-1)!)).toBe(COMPACT_PROMPT)
    expect(h.of('agent_message').map((m) => m.text)).not.toContain(
      'SUMMARY: the user asks numbered questions.',
    )
    // The next turn: recent user messages, the summary message, the new question; nothing else.
    const i = h.emu.responsesRequests().indexOf(summaryReq)
    const next = inputOf(h.emu.responsesRequests()[i + 1])
    expect(next.every((x) => x.type === 'message' && x.role === 'user')).toBe(true)
    expect(textOf(next.at(-2)!)).toBe(`${SUMMARY_PREFIX}\nSUMMARY: the user asks numbered questions.`)
    expect(next.slice(0, -2).every((x) => /^Question \d+$/.test(textOf(x)))).toBe(true)
    expect(h.of('warning').find((w) => w.code === 'compaction')?.message).toBe(LOCAL_WARNING)
  })

  it('WebSocket: after a local compaction the next turn is a fresh response.create', async () => {
    h = await harness({
      provider: custom(true),
      emulator: { contextWindow: 3000 },
      session: { transport: 'websocket', autoCompactTokenLimit: 2400 },
    })
    scriptAnswers(h.emu, 40)
    await drive(h, 22)
    expect(h.of('turn_complete')).toHaveLength(22)
    expect(fatalErrors(h)).toEqual([])
    const turns = turnRequests(h)
    const k = turns.findIndex((r) => inputOf(r).some((x) => textOf(x).startsWith(SUMMARY_PREFIX)))
    expect(k).toBeGreaterThan(1)
    expect(turns[k]!.body).not.toHaveProperty('previous_response_id')
    expect(turns[k - 1]!.body).toHaveProperty('previous_response_id')
  })

  it('a summary request that overflows drops the oldest items and retries', async () => {
    h = await harness({ provider: custom(false), emulator: { contextWindow: 4000 } })
    scriptAnswers(h.emu, 40)
    const id = await drive(h, 12)
    h.emu.setContextWindow(1200)
    await h.session.submit({ type: 'compact', conversationId: id })
    const summaries = h.emu.responsesRequests().filter((r) => isSummaryRequest(r.body))
    expect(summaries.length).toBeGreaterThan(1)
    const [c] = h.of('context_compacted')
    expect(c).toMatchObject({ mode: 'local', reason: 'manual' })
    expect(c!.itemsDropped).toBeGreaterThan(0)
    expect(inputOf(summaries.at(-1)).length).toBe(inputOf(summaries[0]).length - c!.itemsDropped)
    await h.turn('After', { conversationId: id })
    expect(h.of('turn_complete')).toHaveLength(13)
  })
})
