// Attachments on the wire (issue 14): images and files reach the emulator in the service's shapes
// (images downscaled), unsupported kinds are refused before sending, limits hold, a reloaded
// history resends the same bytes, and deleting a conversation deletes what no other one uses.
import fs from 'node:fs'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import sharp from 'sharp'
import { describe, it, expect, afterEach } from 'vitest'
import { harness, bodyOf, type Harness } from './harness'
import { chatgptHarness } from './chatgpt-helpers'
import { textAnswer } from '../emulator/scripts'
import { DEFAULT_MODELS } from '../emulator/index'
import { Session } from '../../main/core/session'
import { makeProvider } from '../../main/core/provider-factory'
import { AttachmentStore, AttachmentError } from '../../main/core/attachments/store'
import type { AttachmentInfo } from '@shared/attachments'

let h: Harness
afterEach(async () => h?.close())

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')

async function png(width: number, height: number): Promise<Uint8Array> {
  const raw = Buffer.alloc(width * height * 3, 0x80)
  return new Uint8Array(
    await sharp(raw, { raw: { width, height, channels: 3 } })
      .png()
      .toBuffer(),
  )
}

function dataUrlBytes(url: string): { mime: string; bytes: Buffer } {
  const m = /^data:([^;]+);base64,(.*)$/.exec(url)
  if (!m) throw new Error(`not a data URL: ${url.slice(0, 40)}`)
  return { mime: m[1]!, bytes: Buffer.from(m[2]!, 'base64') }
}

async function send(h: Harness, text: string, atts: AttachmentInfo[], extra: Record<string, unknown> = {}) {
  const conversationId = (extra.conversationId as string | undefined) ?? randomUUID()
  await h.session.submit({
    type: 'user_turn',
    conversationId,
    text,
    attachments: atts.map((a) => ({ id: a.id, name: a.name })),
    ...extra,
  })
  return conversationId
}

describe('attachments on the wire', () => {
  it('sends a large image downscaled to 2048 px, a small one unchanged, a PDF and a text file', async () => {
    h = await harness()
    const store = new AttachmentStore(h.dataDir)
    const big = await store.put('wide.png', await png(4096, 1024))
    const smallBytes = await png(300, 200)
    const small = await store.put('small.png', smallBytes)
    const pdf = await store.put('report.pdf', PDF)
    const txt = await store.put('notes.md', Buffer.from('# Notes\nhello\n'))
    expect([big.width, big.height, small.width]).toEqual([2048, 512, 300])
    expect([pdf.mime, txt.mime]).toEqual(['application/pdf', 'text/plain'])

    h.emu.script({ steps: textAnswer('Seen.') })
    const id = await send(h, 'What is in these?', [big, small, pdf, txt], { model: 'gpt-4o' })
    expect(h.of('turn_complete')).toHaveLength(1)

    const content = bodyOf(h.emu, 0).input[0].content
    expect(content.map((p: { type: string }) => p.type)).toEqual([
      'input_text',
      'input_image',
      'input_image',
      'input_file',
      'input_file',
    ])
    expect(Object.keys(content[1]).sort()).toEqual(['detail', 'image_url', 'type'])
    expect(content[1].detail).toBe('auto')
    const sent = dataUrlBytes(content[1].image_url)
    expect(sent.mime).toBe('image/png')
    const meta = await sharp(sent.bytes).metadata()
    expect([meta.width, meta.height]).toEqual([2048, 512])
    expect(dataUrlBytes(content[2].image_url).bytes.equals(Buffer.from(smallBytes))).toBe(true)
    expect(content[3]).toEqual({
      type: 'input_file',
      filename: 'report.pdf',
      file_data: `data:application/pdf;base64,${PDF.toString('base64')}`,
    })
    expect(content[4].filename).toBe('notes.md')
    expect(dataUrlBytes(content[4].file_data).mime).toBe('text/plain')

    // History refers to the bytes; it never inlines them.
    const jsonl = fs.readFileSync(path.join(h.dataDir, 'conversations', `${id}.jsonl`), 'utf8')
    expect(jsonl).toContain(`attachment:${big.id}`)
    expect(jsonl).not.toContain('base64')
    expect(jsonl.length).toBeLessThan(4000)
  })

  it('resends the same attachments after the history is reloaded by a new engine', async () => {
    h = await harness()
    const store = new AttachmentStore(h.dataDir)
    const img = await store.put('a.png', await png(64, 64))
    h.emu.script({ steps: textAnswer('One.') })
    h.emu.script({ steps: textAnswer('Two.') })
    const id = await send(h, 'first', [img], { model: 'gpt-4o' })
    await h.session.close()
    const again = new Session({
      provider: makeProvider({
        id: 'openai',
        baseUrl: h.emu.openaiBase,
        apiKey: 'sk-test-emulator',
        websockets: false,
      }),
      dataDir: h.dataDir,
      transport: 'sse',
    })
    await again.submit({ type: 'user_turn', conversationId: id, text: 'second' })
    await again.close()
    const first = bodyOf(h.emu, 0).input[0]
    const second = bodyOf(h.emu, 1).input
    expect(second).toHaveLength(3)
    expect(second[0]).toEqual(first)
    const loaded = await new Session({
      provider: makeProvider({ id: 'openai', baseUrl: h.emu.openaiBase, apiKey: 'x', websockets: false }),
      dataDir: h.dataDir,
    }).loadConversation(id)
    expect(loaded?.items[0]?.item).toMatchObject({
      content: [{ type: 'input_text' }, { type: 'input_image', image_url: `attachment:${img.id}` }],
    })
  })

  it('a compaction request carries the attachments as bytes, like a turn, not their stored references', async () => {
    h = await harness()
    const store = new AttachmentStore(h.dataDir)
    const pic = await store.put('pic.png', await png(64, 32))
    h.emu.script({ steps: textAnswer('Nice picture.') })
    const id = await send(h, 'What is this?', [pic])
    await h.session.submit({ type: 'compact', conversationId: id })
    expect(h.of('error')).toEqual([])
    expect(h.of('context_compacted')[0]).toMatchObject({ mode: 'remote' })
    const body = h.emu.compactRequests()[0]!.body as {
      input: { content: { type: string; image_url: string }[] }[]
    }
    const image = body.input[0]!.content.find((p) => p.type === 'input_image')!
    expect(dataUrlBytes(image.image_url).mime).toBe('image/png')
    // What the service echoes back is stored by reference again: the JSONL never holds the bytes.
    const file = fs.readFileSync(path.join(h.dataDir, 'conversations', `${id}.jsonl`), 'utf8')
    expect(file).toContain('"kind":"compaction"')
    expect(file).toContain(`attachment:${pic.id}`)
    expect(file).not.toContain('base64')
  })

  it('refuses before sending, with the reason, an image for a model without image input', async () => {
    h = await chatgptHarness()
    h.emu.setModels([
      ...DEFAULT_MODELS,
      {
        ...(DEFAULT_MODELS[1] as object),
        slug: 'text-only',
        display_name: 'Text Only',
        input_modalities: ['text'],
      },
    ])
    const img = await new AttachmentStore(h.dataDir).put('a.png', await png(10, 10))
    const id = await send(h, 'look', [img], { model: 'text-only' })
    expect(h.emu.responsesRequests()).toHaveLength(0)
    const err = h.of('error')[0]
    expect(err).toMatchObject({ conversationId: id, code: 'bad_request', fatal: true })
    expect(err?.message).toMatch(/Text Only does not accept images \(a\.png\)/)
    expect(await h.session.loadConversation(id)).toBeNull() // nothing recorded
  })

  it('inlines text files and refuses PDFs where the provider takes no files', async () => {
    h = await harness({ provider: (emu) => ({ id: 'custom', baseUrl: emu.openaiBase }) })
    const store = new AttachmentStore(h.dataDir)
    const txt = await store.put('notes.txt', Buffer.from('line one\n'))
    const pdf = await store.put('r.pdf', PDF)
    await send(h, 'pdf', [pdf], { model: 'gpt-4o' })
    expect(h.emu.responsesRequests()).toHaveLength(0)
    expect(h.of('error')[0]?.message).toMatch(/does not accept PDF files \(r\.pdf\)/)

    h.emu.script({ steps: textAnswer('Ok.') })
    await send(h, 'text', [txt], { model: 'gpt-4o' })
    expect(bodyOf(h.emu, 0).input[0].content).toEqual([
      { type: 'input_text', text: 'text' },
      { type: 'input_text', text: 'Attached file notes.txt:\n\nline one\n' },
    ])
  })

  it('holds the per-file and per-turn limits and judges type by content', async () => {
    h = await harness()
    const store = new AttachmentStore(h.dataDir)
    await expect(store.put('huge.txt', Buffer.alloc(20 * 1024 * 1024 + 1, 0x61))).rejects.toThrow(
      /at most 20\.0 MB/,
    )
    await expect(store.put('x.png', Buffer.from([0x00, 0x01, 0x02, 0xff]))).rejects.toThrow(AttachmentError)
    // A ".png" that is text is a text file; a ".txt" that is a PNG is an image.
    expect((await store.put('fake.png', Buffer.from('just text'))).mime).toBe('text/plain')
    expect((await store.put('real.txt', await png(4, 4))).kind).toBe('image')

    const parts = []
    for (let i = 0; i < 3; i++)
      parts.push(await store.put(`big${i}.txt`, Buffer.alloc(18 * 1024 * 1024, 0x61 + i)))
    await send(h, 'too much', parts, { model: 'gpt-4o' })
    expect(h.emu.responsesRequests()).toHaveLength(0)
    expect(h.of('error')[0]?.message).toMatch(/at most 50\.0 MB/)
  })

  it('deleting a conversation deletes the attachments no other conversation uses', async () => {
    h = await harness()
    const store = new AttachmentStore(h.dataDir)
    const shared = await store.put('shared.png', await png(8, 8))
    const own = await store.put('own.pdf', PDF)
    for (let i = 0; i < 2; i++) h.emu.script({ steps: textAnswer('Ok.') })
    const a = await send(h, 'a', [shared, own], { model: 'gpt-4o' })
    const b = await send(h, 'b', [shared], { model: 'gpt-4o' })
    await store.thumbnail(shared.id)
    expect(await h.session.deleteConversation(a)).toBe(true)
    expect([store.has(shared.id), store.has(own.id)]).toEqual([true, false])
    expect(await h.session.deleteConversation(b)).toBe(true)
    expect(store.has(shared.id)).toBe(false)
    expect(fs.readdirSync(path.join(store.dir, 'thumbs'))).toEqual([])
  })
})
