// Hosted web search: the per-turn toggle, progress events with the query, citations stored with
// the message and loaded back (issue 15).
import { describe, it, expect, afterEach } from 'vitest'
import { harness, bodyOf, API_KEY, type Harness } from './harness'
import { Session } from '../../main/core/session'
import { makeProvider } from '../../main/core/provider-factory'
import { silentLogger } from '../../main/core/log'
import { citedMessageSteps, responseAround, webSearchSteps } from '../emulator/scripts'

let h: Harness
afterEach(async () => h?.close())

const TEXT = 'Node 24 is the current LTS release.'
const CITES = [{ url: 'https://nodejs.org/en/about/releases', title: 'Node.js Releases', start: 0, end: 7 }]

describe('web search', () => {
  it('adds the hosted tool only when asked, reports the search, stores and reloads citations', async () => {
    h = await harness({ provider: { websockets: true }, session: { transport: 'auto' } })
    h.emu.script({
      steps: responseAround([
        ...webSearchSteps('node lts version'),
        ...citedMessageSteps(TEXT, CITES, { outputIndex: 1 }),
      ]),
    })
    await h.session.submit({ type: 'user_turn', text: 'Which Node is LTS?', webSearch: true })
    expect(bodyOf(h.emu, 0).tools).toEqual([{ type: 'web_search' }])
    const searches = h.of('web_search')
    expect(searches.map((e) => e.status)).toEqual([
      'in_progress',
      'in_progress',
      'searching',
      'completed',
      'completed',
    ])
    expect(searches[0]!.query).toBe('node lts version')
    expect(h.of('message_citations')[0]!.citations).toEqual([
      { url: CITES[0]!.url, title: 'Node.js Releases', start: 0, end: 7 },
    ])
    expect(h.text()).toBe(TEXT)
    const id = h.of('turn_started')[0]!.conversationId
    const conv = await h.session.loadConversation(id)
    const msg = conv!.items.map((r) => r.item).find((i) => i.type === 'message' && i.role === 'assistant')!
    expect(msg.type === 'message' && msg.content[0]).toMatchObject({
      annotations: [{ type: 'url_citation', url: CITES[0]!.url, start_index: 0, end_index: 7 }],
    })

    h.emu.script({ steps: responseAround(citedMessageSteps('plain', [])) })
    await h.session.submit({ type: 'user_turn', conversationId: id, text: 'and without?' })
    expect(bodyOf(h.emu, 1).tools).toEqual([])
  })

  it('a message whose done item lacks annotations gets the streamed ones (so history keeps them)', async () => {
    h = await harness()
    const steps = citedMessageSteps(TEXT, CITES).map((s) => {
      if (!('event' in s) || s.event.type !== 'response.output_item.done') return s
      const item = structuredClone(s.event.item) as { content: { annotations: unknown[] }[] }
      item.content[0]!.annotations = []
      return { event: { ...s.event, item } }
    })
    h.emu.script({ steps: responseAround(steps) })
    await h.session.submit({ type: 'user_turn', text: 'q', webSearch: true })
    const conv = await h.session.loadConversation(h.of('turn_started')[0]!.conversationId)
    const msg = conv!.items.at(-1)!.item
    expect(msg.type === 'message' && msg.content[0]).toMatchObject({ annotations: [{ url: CITES[0]!.url }] })
  })

  it('is never offered on a custom provider', async () => {
    h = await harness({ provider: { id: 'custom' } })
    h.emu.script({ steps: responseAround(citedMessageSteps('hi', [])) })
    await h.session.submit({ type: 'user_turn', text: 'q', webSearch: true })
    expect(bodyOf(h.emu, 0).tools).toEqual([])
  })

  it('stores the web_search_call item and resends it (without id) after a reload', async () => {
    h = await harness()
    h.emu.script({
      steps: responseAround([
        ...webSearchSteps('node lts version'),
        ...citedMessageSteps(TEXT, CITES, { outputIndex: 1 }),
      ]),
    })
    await h.session.submit({ type: 'user_turn', text: 'Which Node is LTS?', webSearch: true })
    const id = h.of('turn_started')[0]!.conversationId
    const stored = (await h.session.loadConversation(id))!.items.map((r) => r.item)
    expect(stored.find((i) => i.type === 'web_search_call')).toMatchObject({
      status: 'completed',
      action: { type: 'search', query: 'node lts version' },
    })
    // A fresh engine on the same data dir (an app restart) resends it in place.
    const provider = makeProvider({
      id: 'openai',
      baseUrl: h.emu.openaiBase,
      apiKey: API_KEY,
      websockets: false,
    })
    const again = new Session({ provider, dataDir: h.dataDir, transport: 'sse', logger: silentLogger })
    try {
      h.emu.script({ steps: responseAround(citedMessageSteps('ok', [])) })
      await again.submit({ type: 'user_turn', conversationId: id, text: 'and now?' })
      const input = bodyOf(h.emu, 1).input as { type: string }[]
      expect(input.map((i) => i.type)).toEqual(['message', 'web_search_call', 'message', 'message'])
      expect(input[1]).toEqual({
        type: 'web_search_call',
        status: 'completed',
        action: { type: 'search', query: 'node lts version' },
      })
    } finally {
      await again.close()
    }
  })
})
