// Issue 14: a conversation with 100 images opens as fast as the same conversation without them.
// Attachments are references in history; thumbnails are asked for only when their row is shown.
// Both conversations are opened alternately in Chromium (browser host + emulator); the ratio of
// medians is printed. Nothing here asserts.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import sharp from 'sharp'
import { startHarness } from '../e2e/harness'
import { AttachmentStore } from '../../main/core/attachments/store'
import { ms, openConversation } from './page-timing'
import type { BenchRow } from './renderer-bench'

const TURNS = 100
const ROUNDS = 7

function writeConversation(dir: string, title: string, images: string[] | null): void {
  const id = randomUUID()
  fs.mkdirSync(dir, { recursive: true })
  const at = (i: number) => new Date(Date.now() - (TURNS - i) * 1000).toISOString()
  const lines = [
    JSON.stringify({ kind: 'meta', version: 1, id, createdAt: at(0), provider: 'openai', model: 'gpt-5.2' }),
  ]
  for (let i = 0; i < TURNS; i++) {
    const content: unknown[] = [{ type: 'input_text', text: i === 0 ? title : `What is in picture ${i}?` }]
    if (images) content.push({ type: 'input_image', image_url: `attachment:${images[i]}`, detail: 'auto' })
    const turnId = `t${i}`
    lines.push(
      JSON.stringify({ kind: 'item', turnId, at: at(i), item: { type: 'message', role: 'user', content } }),
      JSON.stringify({
        kind: 'item',
        turnId,
        at: at(i),
        item: {
          type: 'message',
          role: 'assistant',
          content: [{ type: 'output_text', text: `Picture ${i} shows a square.` }],
        },
      }),
      JSON.stringify({
        kind: 'turn',
        turnId,
        at: at(i),
        status: 'completed',
        model: 'gpt-5.2',
        serverModel: null,
        responseId: null,
        usage: null,
      }),
    )
  }
  fs.writeFileSync(path.join(dir, `${id}.jsonl`), lines.join('\n') + '\n')
}

export async function attachmentsBench(): Promise<BenchRow[]> {
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'att-bench-'))
  const store = new AttachmentStore(staging)
  const ids: string[] = []
  for (let i = 0; i < TURNS; i++) {
    const raw = Buffer.alloc(1200 * 900 * 3, i * 2)
    const png = await sharp(raw, { raw: { width: 1200, height: 900, channels: 3 } })
      .png()
      .toBuffer()
    ids.push((await store.put(`p${i}.png`, png)).id)
  }
  const h = await startHarness({
    viewport: { width: 1280, height: 900 },
    seed: (d) => {
      fs.cpSync(store.dir, path.join(d, 'attachments'), { recursive: true })
      writeConversation(path.join(d, 'conversations'), 'Hundred pictures', ids)
      writeConversation(path.join(d, 'conversations'), 'Hundred questions', null)
    },
  })
  try {
    const page = await h.open()
    const last = `[role=feed] article[aria-posinset="${TURNS * 2}"]`
    const withImages: number[] = []
    const without: number[] = []
    for (let i = 0; i < ROUNDS; i++) {
      without.push((await openConversation(page, 'Hundred questions', last)).took)
      withImages.push((await openConversation(page, 'Hundred pictures', last)).took)
    }
    // How long until the first visible thumbnail is drawn (informational).
    await openConversation(page, 'Hundred questions', last)
    const thumb = await openConversation(page, 'Hundred pictures', '.msg.user img')
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
    const a = median(withImages)
    const b = median(without)
    const ratio = a / b
    return [
      { name: '100-image conversation: open', value: `median ${ms(a)}`, target: 'printed', ok: null },
      { name: 'same without images: open', value: `median ${ms(b)}`, target: 'printed', ok: null },
      { name: 'with / without images', value: `${ratio.toFixed(2)}x`, target: '<= 1.2x', ok: ratio <= 1.2 },
      { name: 'first thumbnail shown after', value: ms(thumb.took), target: 'printed', ok: null },
    ]
  } finally {
    await h.close()
    fs.rmSync(staging, { recursive: true, force: true })
  }
}
