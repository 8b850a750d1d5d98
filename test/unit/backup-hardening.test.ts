// Restore and backup on the edges (review of the streamed rewrite): descriptors closed after a
// failed read, manifests that could only fail half-way refused up front, room checked before
// staging, junk after the end block ignored, a move that fails mid-merge says how far it got,
// files deleted during a backup, and leftovers of a dead backup removed.
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createBackup, sha256 } from '../../main/core/backup/backup'
import { restoreBackup } from '../../main/core/backup/restore'
import { writeTar } from '../../main/core/backup/tar'
import { conversation, olderLocalCopy, tempDirs } from './backup-fixtures'
import { HistoryStore } from '../../main/core/history/store'

const tmp = tempDirs('backup-edge-')
afterEach(() => vi.restoreAllMocks())

const list = (dir: string) => fs.readdirSync(dir, { recursive: true }).map(String).sort()
const openFds = () => (fs.existsSync('/proc/self/fd') ? fs.readdirSync('/proc/self/fd').length : null)

function archive(files: { path: string; data: Buffer }[], manifestFiles = files, trailer?: Buffer): string {
  const manifest = {
    format: 'assistant.backup',
    version: 1,
    createdAt: new Date().toISOString(),
    files: manifestFiles.map((f) => ({ path: f.path, size: f.data.length, sha256: sha256(f.data) })),
  }
  const tar = writeTar([{ path: 'manifest.json', data: Buffer.from(JSON.stringify(manifest)) }, ...files])
  const file = path.join(tmp(), 'a.tar.gz')
  fs.writeFileSync(file, zlib.gzipSync(trailer ? Buffer.concat([tar, trailer]) : tar))
  return file
}

describe('restore edges', () => {
  it('a read that fails mid-entry leaves no descriptor open', async () => {
    const src = tmp()
    fs.mkdirSync(path.join(src, 'attachments'), { recursive: true })
    fs.writeFileSync(path.join(src, 'attachments', 'big'), Buffer.alloc(2_000_000, 7))
    const file = path.join(tmp(), 'b.tar.gz')
    await createBackup(src, file)
    const whole = fs.readFileSync(file)
    fs.writeFileSync(file, whole.subarray(0, Math.floor(whole.length / 2)))
    const before = openFds()
    for (let i = 0; i < 5; i++)
      await expect(restoreBackup(file, tmp())).rejects.toThrow(/nothing was changed/)
    if (before !== null) expect(openFds()).toBe(before)
  })

  it('refuses a path twice, a file where a folder must be, and more data than the disk holds', async () => {
    const dst = tmp()
    const one = Buffer.from('x')
    const a = archive([
      { path: 'attachments/a', data: one },
      { path: 'attachments/a/b', data: one },
    ])
    await expect(restoreBackup(a, dst)).rejects.toThrow(
      /holds both attachments\/a and attachments\/a\/b; nothing was changed/,
    )
    const twice = archive([
      { path: 'attachments/x', data: one },
      { path: 'attachments/x', data: one },
    ])
    await expect(restoreBackup(twice, dst)).rejects.toThrow(/lists attachments\/x twice/)
    // A manifest promising a petabyte: refused before anything is staged.
    const huge = [{ path: 'attachments/huge', size: 1e15, sha256: '0'.repeat(64) }]
    const manifest = { format: 'assistant.backup', version: 1, createdAt: 'x', files: huge }
    const file = path.join(tmp(), 'h.tar.gz')
    fs.writeFileSync(
      file,
      zlib.gzipSync(writeTar([{ path: 'manifest.json', data: Buffer.from(JSON.stringify(manifest)) }])),
    )
    await expect(restoreBackup(file, dst)).rejects.toThrow(/needs \d+ MB free in the data folder/)
    expect(list(dst)).toEqual([])
  })

  it('something in the way is found before the first move; junk after the end block is ignored', async () => {
    const dst = tmp()
    fs.writeFileSync(path.join(dst, 'attachments'), 'a file where the folder goes')
    const id = randomUUID()
    const conv = Buffer.from('{"kind":"meta"}\n')
    const files = [
      { path: `conversations/${id}.jsonl`, data: conv },
      { path: 'attachments/p', data: Buffer.from('png') },
    ]
    await expect(restoreBackup(archive(files), dst)).rejects.toThrow(
      /attachments is in the way of attachments\/p; nothing was changed/,
    )
    expect(fs.existsSync(path.join(dst, 'conversations'))).toBe(false)
    fs.rmSync(path.join(dst, 'attachments'))
    const withJunk = archive(files, files, Buffer.alloc(3_000_000, 0x5a))
    expect((await restoreBackup(withJunk, dst)).attachments.added).toBe(1)
  })

  it('a move that fails mid-merge says how far it got; running it again finishes', async () => {
    const dst = tmp()
    const files = [0, 1, 2].map((i) => ({ path: `attachments/f${i}`, data: Buffer.from(`file ${i}`) }))
    const file = archive(files)
    const real = fs.renameSync
    let n = 0
    vi.spyOn(fs, 'renameSync').mockImplementation((a, b) => {
      if (++n === 2) throw Object.assign(new Error('EBUSY: resource busy or locked'), { code: 'EBUSY' })
      real(a, b)
    })
    await expect(restoreBackup(file, dst)).rejects.toThrow(
      /stopped after 1 of 3 files \(EBUSY.*\); what was restored is kept, and running the restore again finishes it/,
    )
    vi.restoreAllMocks()
    expect(await restoreBackup(file, dst)).toMatchObject({ attachments: { added: 2, kept: 1 } })
    expect(list(path.join(dst, 'attachments'))).toEqual(['f0', 'f1', 'f2'])
  })
})

describe('merge decided ahead', () => {
  it('a local conversation written after the comparison is compared again, never overwritten', async () => {
    // The archive's copy is newer than dst's...
    const { dst, id, file } = await olderLocalCopy(tmp)
    // ...but dst's copy gets a line of its own after the comparison, before the files move.
    const r = await restoreBackup(file, dst, {
      beforeApply: () => {
        const d = new HistoryStore(dst)
        d.rename(id, 'Renamed here meanwhile')
        d.close()
      },
    })
    expect(r.conversations).toEqual({ added: 0, updated: 0, kept: 1 })
    expect(new HistoryStore(dst).load(id)!.conversation.summary.title).toBe('Renamed here meanwhile')
  })
})

describe('backup edges', () => {
  it('a file deleted before it is read is left out; one deleted while written fails the backup', async () => {
    const src = tmp()
    const ids = [conversation(src, 'one'), conversation(src, 'two')].sort()
    const out = path.join(tmp(), 'b.tar.gz')
    let deleted = false
    const r = await createBackup(src, out, (p) => {
      if (!deleted && p.phase === 'reading') {
        deleted = true
        fs.rmSync(path.join(src, 'conversations', `${ids[1]}.jsonl`))
      }
    })
    expect(r.conversations).toBe(1)
    const dst = tmp()
    await restoreBackup(out, dst)
    expect(fs.readdirSync(path.join(dst, 'conversations'))).toEqual([`${ids[0]}.jsonl`])
    // Deleted after its checksum, before its bytes are written.
    conversation(src, 'three')
    const out2 = path.join(path.dirname(out), 'c.tar.gz')
    let gone = false
    const failing = createBackup(src, out2, (p) => {
      if (!gone && p.phase === 'writing') {
        gone = true
        for (const f of fs.readdirSync(path.join(src, 'conversations')))
          fs.rmSync(path.join(src, 'conversations', f))
      }
    })
    await expect(failing).rejects.toThrow(/changed while it was being backed up; nothing was written/)
    expect(fs.existsSync(out2)).toBe(false)
  })

  it("a dead backup's .partial (an hour old) is removed by the next backup into that folder", async () => {
    const src = tmp()
    conversation(src, 'q')
    const dir = tmp()
    const old = path.join(dir, 'assistant-backup-2026-11-01.tar.gz.partial')
    const recent = path.join(dir, 'assistant-backup-x.tar.gz.partial')
    fs.writeFileSync(old, 'half')
    fs.writeFileSync(recent, 'being written by someone else')
    const t = new Date(Date.now() - 2 * 3_600_000)
    fs.utimesSync(old, t, t)
    await createBackup(src, path.join(dir, 'new.tar.gz'))
    expect(fs.readdirSync(dir).sort()).toEqual(['assistant-backup-x.tar.gz.partial', 'new.tar.gz'])
  })
})
