// Exports (issue 13): Markdown and HTML of the current branch show each thing as what it is; the
// HTML runs nothing; the JSON export of the whole tree round-trips through an import.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { HistoryStore } from '../../main/core/history/store'
import { exportConversation } from '../../main/core/export/export'
import { importConversationJson } from '../../main/core/export/json'
import { assistantMessage, userMessage, type ResponseItem } from '@shared/wire/items'

const dirs: string[] = []
const store = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'export-'))
  dirs.push(d)
  return new HistoryStore(d)
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

function sample(s: HistoryStore): { id: string; t1: string; t2: string; t2b: string } {
  const id = randomUUID()
  const [t1, t2, t2b] = [randomUUID(), randomUUID(), randomUUID()]
  s.create(id, 'openai', 'gpt-5.2')
  s.beginTurn(id, t1)
  s.appendItem(id, t1, userMessage('How do I print in Python?'))
  s.appendItem(id, t1, {
    type: 'reasoning',
    summary: [{ type: 'summary_text', text: '**Choosing an example**\n\nA short one.' }],
  } as ResponseItem)
  s.appendItem(id, t1, userMessage('Warning: Your request was routed to gpt-5 as a fallback.'))
  s.appendItem(id, t1, {
    type: 'function_call',
    call_id: 'c1',
    name: 'docs__search',
    arguments: '{"q":"print"}',
  } as ResponseItem)
  s.appendItem(
    id,
    t1,
    { type: 'function_call_output', call_id: 'c1', output: 'print() docs' } as ResponseItem,
    false,
    {
      server: 'docs',
      tool: 'search',
      status: 'ok',
      durationMs: 3,
    },
  )
  const answer = assistantMessage(
    'Use `print`:\n\n```python\nprint("hi")\n```\n\n<script>alert(1)</script> [x](javascript:alert(1))',
  )
  ;(answer as { content: { annotations?: unknown[] }[] }).content[0]!.annotations = [
    {
      type: 'url_citation',
      url: 'https://docs.python.org/',
      title: 'Python docs',
      start_index: 0,
      end_index: 3,
    },
  ]
  s.appendItem(id, t1, answer)
  s.appendTurn(id, {
    turnId: t1,
    status: 'completed',
    model: 'gpt-5.2',
    serverModel: null,
    responseId: null,
    usage: null,
  })
  s.beginTurn(id, t2)
  s.appendItem(id, t2, userMessage('And in Go?'))
  s.appendTurn(id, {
    turnId: t2,
    status: 'failed',
    model: 'gpt-5.2',
    serverModel: null,
    responseId: null,
    usage: null,
    error: 'The server is overloaded.',
  })
  s.setLeaf(id, t1)
  s.beginTurn(id, t2b)
  s.appendItem(id, t2b, userMessage('And in Rust?'))
  s.appendItem(id, t2b, assistantMessage('`println!`'))
  return { id, t1, t2, t2b }
}

describe('export', () => {
  it('Markdown: the current branch; reasoning, notices, tool calls, sources and errors as what they are', () => {
    const s = store()
    const { id, t2 } = sample(s)
    let md = exportConversation(s, id, 'md')!
    expect(md).toContain('# How do I print in Python?')
    expect(md).toContain('### You\n\nHow do I print in Python?')
    expect(md).toContain('> **Reasoning: Choosing an example**')
    expect(md).toContain('> **Notice:** Your request was routed to gpt-5 as a fallback.')
    expect(md).toContain('**Tool call** `docs__search` (ok)')
    expect(md).toContain('print() docs')
    expect(md).toContain('1. [Python docs](<https://docs.python.org/>)')
    expect(md).toContain('And in Rust?')
    expect(md).not.toContain('And in Go?')
    s.setLeaf(id, t2)
    md = exportConversation(s, id, 'md')!
    expect(md).toContain('> **Error:** The server is overloaded.')
    expect(md).not.toContain('And in Rust?')
  })

  it('a message of attachments alone is exported as what was attached, with no empty text', () => {
    const s = store()
    const id = randomUUID()
    const t = randomUUID()
    s.create(id, 'openai', 'gpt-5.2')
    s.beginTurn(id, t)
    const ref = `attachment:${'b'.repeat(64)}`
    s.appendItem(id, t, {
      type: 'message',
      role: 'user',
      content: [
        { type: 'input_image', image_url: ref, detail: 'auto' },
        { type: 'input_file', filename: 'q<3>.pdf', file_data: ref },
      ],
    } as ResponseItem)
    s.appendItem(id, t, assistantMessage('A chart and a report.'))
    expect(exportConversation(s, id, 'md')).toContain(
      '### You\n\n_Attached: image, q<3>.pdf_\n\n### Assistant',
    )
    const html = exportConversation(s, id, 'html')!
    expect(html).toContain(
      '<section class="msg user"><div class="who">You</div><p class="attached">Attached: image, q&#60;3&#62;.pdf</p></section>',
    )
  })

  it('HTML: one self-contained file, highlighted code, no script and no unsafe link', () => {
    const s = store()
    const { id } = sample(s)
    const html = exportConversation(s, id, 'html')!
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).toContain("default-src 'none'")
    expect(html).toContain('<span class="hljs-built_in">print</span>')
    expect(html).not.toMatch(/<script/i)
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;')
    expect(html).not.toContain('href="javascript')
    expect(html).toContain('<details class="reasoning"><summary>Reasoning: Choosing an example</summary>')
    expect(html).toContain('<aside class="notice"><strong>Notice:</strong>')
    expect(html).not.toMatch(/<link |src="http/)
  })

  it('JSON: the whole tree round-trips through an import; bad input changes nothing', () => {
    const a = store()
    const { id } = sample(a)
    const json = exportConversation(a, id, 'json')!
    const parsed = JSON.parse(json)
    expect(parsed).toMatchObject({ format: 'assistant.conversation', version: 1, id })
    const b = store()
    expect(importConversationJson(b, json)).toBe(id)
    const before = a.loadFull(id)!
    const after = b.loadFull(id)!
    expect([...after.tree.nodes.values()]).toEqual([...before.tree.nodes.values()])
    expect(after.tree.leaf).toBe(before.tree.leaf)
    expect(after.conversation.items).toEqual(before.conversation.items)
    expect(b.load(id)!.conversation).toEqual(a.load(id)!.conversation)
    // Again: refused, nothing duplicated.
    expect(() => importConversationJson(b, json)).toThrow(/already exists/)
    expect(b.list()).toHaveLength(1)
    expect(() => importConversationJson(b, '{"format":"x"}')).toThrow(/not a conversation export/)
    expect(() => importConversationJson(b, 'garbage')).toThrow(/not JSON/)
    expect(() => importConversationJson(b, JSON.stringify({ ...parsed, version: 9 }))).toThrow(/version 9/)
  })
})
