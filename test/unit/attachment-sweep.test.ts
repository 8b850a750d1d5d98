// Never-sent uploads are swept once past the grace period; anything a conversation refers to, a
// recent upload, and an old upload uploaded again stay; crash-left temp files go.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { AttachmentStore } from '../../main/core/attachments/store'
import { UNSENT_GRACE_MS, sweepUnsent } from '../../main/core/attachments/sweep'
import { resolveAttachments } from '../../main/core/attachments/compose'
import { HistoryStore } from '../../main/core/history/store'
import { userMessage } from '@shared/wire/items'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

const text = (s: string) => new TextEncoder().encode(s)
const age = (file: string, ms: number) => {
  const t = new Date(Date.now() - ms)
  fs.utimesSync(file, t, t)
}

describe('sweep of never-sent uploads', () => {
  it('removes only old, unreferenced attachments (and their thumbnails) and old temp files', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sweep-'))
    dirs.push(dataDir)
    const store = new AttachmentStore(dataDir)
    const sent = await store.put('sent.txt', text('sent in a conversation'))
    const unsent = await store.put('unsent.txt', text('never sent'))
    const recent = await store.put('recent.txt', text('uploaded a minute ago'))
    const again = await store.put('again.txt', text('old, then uploaded again'))
    const history = new HistoryStore(dataDir)
    const id = randomUUID()
    const t = randomUUID()
    history.create(id, 'openai', 'gpt-5.2')
    history.beginTurn(id, t)
    history.appendItem(id, t, {
      ...userMessage('see file'),
      content: [{ type: 'input_file', filename: 'sent.txt', file_data: `attachment:${sent.id}` }],
    } as never)
    history.close()
    const file = (a: { id: string }) => path.join(store.dir, a.id)
    for (const a of [sent, unsent, again]) age(file(a), UNSENT_GRACE_MS + 60_000)
    fs.mkdirSync(path.join(store.dir, 'thumbs'), { recursive: true })
    fs.writeFileSync(path.join(store.dir, 'thumbs', `${unsent.id}.webp`), 'thumb')
    const tmp = path.join(store.dir, `${recent.id}.${randomUUID()}.tmp`)
    fs.writeFileSync(tmp, 'half written')
    age(tmp, 2 * 24 * 3_600_000)
    // Uploaded again just now: fresh, not swept.
    await store.put('again.txt', text('old, then uploaded again'))

    const r = await sweepUnsent(store, path.join(dataDir, 'conversations'))
    expect(r).toEqual({ removed: [unsent.id], tempFiles: 1 })
    expect([sent, recent, again].every((a) => store.has(a.id))).toBe(true)
    expect(store.has(unsent.id)).toBe(false)
    expect(fs.existsSync(path.join(store.dir, 'thumbs', `${unsent.id}.webp`))).toBe(false)
    expect(fs.existsSync(tmp)).toBe(false)
    // Nothing left to do: a second sweep changes nothing.
    expect(await sweepUnsent(store, path.join(dataDir, 'conversations'))).toEqual({
      removed: [],
      tempFiles: 0,
    })
  })

  it('an old upload that a turn sends while the sweep reads is kept', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sweep-'))
    dirs.push(dataDir)
    const store = new AttachmentStore(dataDir)
    const chip = await store.put('chip.txt', text('left in the composer for a week'))
    age(path.join(store.dir, chip.id), UNSENT_GRACE_MS + 60_000)
    fs.mkdirSync(path.join(dataDir, 'conversations'), { recursive: true })
    fs.writeFileSync(path.join(dataDir, 'conversations', `${randomUUID()}.jsonl`), '{"kind":"meta"}\n')
    // The sweep has listed its candidates; the turn resolves the attachment before it checks again.
    const sweeping = sweepUnsent(store, path.join(dataDir, 'conversations'))
    await resolveAttachments(store, [{ id: chip.id, name: 'chip.txt' }])
    expect((await sweeping).removed).toEqual([])
    expect(store.has(chip.id)).toBe(true)
  })

  it('a data folder without attachments or conversations is fine', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sweep-'))
    dirs.push(dataDir)
    expect(await sweepUnsent(new AttachmentStore(dataDir), path.join(dataDir, 'conversations'))).toEqual({
      removed: [],
      tempFiles: 0,
    })
  })
})
