// Branches on the wire (issue 13): edit, regenerate and switch; every request carries exactly the
// path root→current leaf, nothing from another branch.
import { describe, it, expect, afterEach } from 'vitest'
import { textAnswer } from '../emulator/scripts'
import { harness, type Harness } from './harness'
import { inputOf, textOf } from './compaction-helpers'
import { HistoryStore } from '../../main/core/history/store'
import { AttachmentStore } from '../../main/core/attachments/store'
import { randomUUID } from 'node:crypto'

let h: Harness
afterEach(async () => h?.close())

/** The text of every input item of request `i` (stripped of role for brevity). */
const wire = (i: number) => inputOf(h.emu.responsesRequests()[i]).map(textOf)
const path = () => {
  const store = new HistoryStore(h.dataDir)
  try {
    const id = h.of('session_configured')[0]!.conversationId
    return store.load(id)!.conversation
  } finally {
    store.close()
  }
}
const turnIds = () => [...new Set(path().items.map((r) => r.turnId))]

describe('branches', () => {
  it('edit → sibling; switch back → old continuation; requests carry only the current path', async () => {
    h = await harness()
    for (const a of ['A1', 'A2', 'A3', 'B2', 'B3', 'C3']) h.emu.script({ steps: textAnswer(a) })
    const id = await h.turn('Q1')
    await h.turn('Q2')
    await h.turn('Q3')
    const [t1, t2] = turnIds()
    // Edit the second question: the turn runs from Q1's answer.
    await h.session.submit({ type: 'edit_turn', conversationId: id, messageId: t2!, text: 'Q2 edited' })
    expect(wire(3)).toEqual(['Q1', 'A1', 'Q2 edited'])
    const edited = path()
    expect(edited.items.map((r) => textOf(r.item as never))).toEqual(['Q1', 'A1', 'Q2 edited', 'B2'])
    const t2b = edited.items[2]!.turnId
    expect(edited.branches?.siblings[t2b]).toEqual([t2, t2b])
    // Continue on the new branch: nothing of Q2/Q3 leaks.
    await h.turn('Q3 on B')
    expect(wire(4)).toEqual(['Q1', 'A1', 'Q2 edited', 'B2', 'Q3 on B'])
    // Switch back to the first Q2: its continuation down to its last leaf.
    await h.session.submit({ type: 'switch_branch', conversationId: id, messageId: t2! })
    expect(path().items.map((r) => textOf(r.item as never))).toEqual(['Q1', 'A1', 'Q2', 'A2', 'Q3', 'A3'])
    // The event carries the new path as the file has it: the window redraws without reading it.
    const ev = h.of('conversation_tree').at(-1)!
    expect(ev).toMatchObject({ cause: 'switch', conversationId: id })
    expect(ev.conversation).toEqual({
      ...path(),
      summary: { ...path().summary, updatedAt: expect.any(String) },
    })
    // An edit's events: `begin` shows the path cut at the parent, `end` the path with the answer.
    const causes = h.of('conversation_tree').map((e) => [e.cause, e.conversation.items.length])
    expect(causes.slice(0, 2)).toEqual([
      ['begin', 2],
      ['end', 4],
    ])
    await h.turn('Q4')
    expect(wire(5)).toEqual(['Q1', 'A1', 'Q2', 'A2', 'Q3', 'A3', 'Q4'])
    expect(t1).toBeDefined()
  })

  it('regenerate → a sibling answer to the same message, optionally with another model', async () => {
    h = await harness()
    for (const a of ['A1', 'A2', 'A2 again']) h.emu.script({ steps: textAnswer(a) })
    const id = await h.turn('Q1')
    await h.turn('Q2')
    const [, t2] = turnIds()
    const models = (await h.session.listModels()).models.map((m) => m.slug)
    const other = models.at(-1)!
    await h.session.submit({ type: 'regenerate', conversationId: id, messageId: t2!, model: other })
    expect(wire(2)).toEqual(['Q1', 'A1', 'Q2'])
    expect(h.emu.responsesRequests()[2]!.body).toMatchObject({ model: other })
    const p = path()
    expect(p.items.map((r) => textOf(r.item as never))).toEqual(['Q1', 'A1', 'Q2', 'A2 again'])
    expect(Object.values(p.branches!.siblings)).toEqual([[t2, p.items[2]!.turnId]])
    // The old answer is still in the file (append-only).
    const store = new HistoryStore(h.dataDir)
    const all = store.loadFull(id)!.conversation.items.map((r) => textOf(r.item as never))
    store.close()
    expect(all).toEqual(['Q1', 'A1', 'Q2', 'A2', 'Q2', 'A2 again'])
  })

  it('editing the first message makes a second root; an unknown message id is a clear error', async () => {
    h = await harness()
    for (const a of ['A1', 'X1']) h.emu.script({ steps: textAnswer(a) })
    const id = await h.turn('Q1')
    const [t1] = turnIds()
    await h.session.submit({ type: 'edit_turn', conversationId: id, messageId: t1!, text: 'X' })
    expect(wire(1)).toEqual(['X'])
    await h.session.submit({ type: 'switch_branch', conversationId: id, messageId: 'nope' })
    expect(h.of('error').at(-1)).toMatchObject({ code: 'not_found', fatal: false })
  })

  it('an interrupted regenerate keeps what was shown, on its own branch', async () => {
    h = await harness()
    h.emu.script({ steps: textAnswer('A1') })
    h.emu.script({
      steps: [...textAnswer('partial answer that stalls').slice(0, 6), { stall: true }],
    } as never)
    const id = await h.turn('Q1')
    const [t1] = turnIds()
    const run = h.session.submit({ type: 'regenerate', conversationId: id, messageId: t1! })
    await waitFor(() => h.text().includes('partial'))
    await h.session.submit({ type: 'interrupt', conversationId: id })
    await run
    expect(h.of('turn_aborted').at(-1)).toMatchObject({ reason: 'interrupted' })
    const p = path()
    expect(p.items[0]!.turnId).not.toBe(t1)
    expect(p.items.at(-1)?.partial).toBe(true)
  })

  it('a stalled regenerate retries without duplicating the shown text', async () => {
    h = await harness({ session: { idleTimeoutMs: 150 } })
    h.emu.script({ steps: textAnswer('A1') })
    const full = textAnswer('The quick brown fox jumps.', { chunks: 5 })
    h.emu.script({ steps: [...full.slice(0, 5), { stall: true }] } as never, { steps: full })
    const id = await h.turn('Q1')
    const [t1] = turnIds()
    await h.session.submit({ type: 'regenerate', conversationId: id, messageId: t1! })
    expect(h.of('stream_retry')).toHaveLength(1)
    expect(wire(1)).toEqual(['Q1'])
    expect(wire(2)).toEqual(['Q1'])
    const regenerated = h
      .of('agent_message_delta')
      .filter((e) => e.turnId !== h.of('turn_started')[0]!.turnId)
    expect(regenerated.map((e) => e.delta).join('')).toBe('The quick brown fox jumps.')
    expect(path().items.map((r) => textOf(r.item as never))).toEqual(['Q1', 'The quick brown fox jumps.'])
  })

  it("regenerate keeps the message's attachments", async () => {
    h = await harness()
    h.emu.script({ steps: textAnswer('A PDF.') })
    h.emu.script({ steps: textAnswer('Still a PDF.') })
    const pdf = await new AttachmentStore(h.dataDir).put(
      'r.pdf',
      Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
    )
    const id = randomUUID()
    await h.session.submit({
      type: 'user_turn',
      conversationId: id,
      text: 'What is this?',
      attachments: [{ id: pdf.id, name: pdf.name }],
    })
    const [t1] = turnIds()
    await h.session.submit({ type: 'regenerate', conversationId: id, messageId: t1! })
    const parts = (r: number) =>
      (
        inputOf(h.emu.responsesRequests()[r]).at(-1) as unknown as { content: { type: string }[] }
      ).content.map((c) => c.type)
    expect(parts(0)).toContain('input_file')
    expect(parts(1)).toEqual(parts(0))
  })

  it('a message of attachments alone: sent without a text part, titled by its file, regenerated', async () => {
    h = await harness()
    h.emu.script({ steps: textAnswer('A PDF.') })
    h.emu.script({ steps: textAnswer('Still a PDF.') })
    const pdf = await new AttachmentStore(h.dataDir).put(
      'quarterly.pdf',
      Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
    )
    const id = randomUUID()
    const op = { type: 'user_turn', conversationId: id, text: '  ' } as const
    // No text and nothing attached is refused by the contract; with an attachment it is a message.
    await expect(h.session.submit(op)).rejects.toThrow(/text or an attachment/)
    await h.session.submit({ ...op, text: '', attachments: [{ id: pdf.id, name: pdf.name }] })
    const parts = (r: number) =>
      (
        inputOf(h.emu.responsesRequests()[r]).at(-1) as unknown as { content: { type: string }[] }
      ).content.map((c) => c.type)
    expect(parts(0)).toEqual(['input_file'])
    expect(path().summary.title).toBe('quarterly.pdf')
    const [t1] = turnIds()
    await h.session.submit({ type: 'regenerate', conversationId: id, messageId: t1! })
    expect(h.of('error')).toEqual([])
    expect(parts(1)).toEqual(['input_file'])
    expect(
      path()
        .items.map((r) => textOf(r.item as never))
        .at(-1),
    ).toBe('Still a PDF.')
  })
})

async function waitFor(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 10))
  }
}
