// Backup and restore (issue 13): one archive with a manifest and checksums; no secrets; restore
// merges by id without duplicates and keeps a newer local copy; a corrupt archive changes nothing.
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { HistoryStore } from '../../main/core/history/store'
import { createBackup } from '../../main/core/backup/backup'
import { restoreBackup } from '../../main/core/backup/restore'
import { rollingBackup } from '../../main/core/backup/rolling'
import { writeTar, type TarEntry } from '../../main/core/backup/tar'
import { TarStreamReader } from '../../main/core/backup/tar-stream'
import { conversation, olderLocalCopy, snapshot, tempDirs } from './backup-fixtures'

const tmp = tempDirs('backup-')

function readInTwo(tar: Buffer, cut: number): TarEntry[] {
  const out: TarEntry[] = []
  const r = new TarStreamReader((p) => {
    const parts: Buffer[] = []
    return {
      data: (c) => parts.push(Buffer.from(c)),
      end: () => out.push({ path: p, data: Buffer.concat(parts) }),
    }
  })
  r.feed(tar.subarray(0, cut))
  r.feed(tar.subarray(cut))
  r.finish()
  return out
}

describe('backup archive', () => {
  it('tar round-trips long paths and binary data; a damaged header is refused', () => {
    const long = `attachments/${'a'.repeat(90)}/${'b'.repeat(60)}.bin`
    const entries = [
      { path: 'x.txt', data: Buffer.from('hello') },
      { path: long, data: Buffer.from([0, 1, 2, 255]) },
    ]
    const tar = writeTar(entries)
    // Read back in two chunks split at every position (headers and data cross chunk edges).
    for (let cut = 0; cut <= tar.length; cut += 7) expect(readInTwo(tar, cut)).toEqual(entries)
    expect(() => readInTwo(tar.subarray(0, tar.length - 1100), 300)).toThrow(/truncated/)
    tar[10] = 0x41
    expect(() => readInTwo(tar, 0)).toThrow(/checksum/)
  })

  it('backup → restore into a fresh folder gives the same conversations; settings without secrets', async () => {
    const src = tmp()
    const a = conversation(src, 'first')
    const b = conversation(src, 'second')
    fs.writeFileSync(
      path.join(src, 'settings.json'),
      JSON.stringify({
        theme: 'dark',
        provider: { kind: 'custom', apiKey: 'sk-secret', baseUrl: 'http://x' },
        token: 't',
      }),
    )
    fs.mkdirSync(path.join(src, 'attachments', 'img'), { recursive: true })
    fs.writeFileSync(path.join(src, 'attachments', 'img', 'p.png'), Buffer.from([137, 80, 78, 71]))
    const file = path.join(tmp(), 'b.tar.gz')
    const r = await createBackup(src, file)
    expect(r).toMatchObject({ conversations: 2, attachments: 1, settings: true })
    expect(zlib.gunzipSync(fs.readFileSync(file)).toString('latin1')).not.toMatch(/sk-secret|"token"/)
    const dst = tmp()
    const s = await restoreBackup(file, dst)
    expect(s).toEqual({
      conversations: { added: 2, updated: 0, kept: 0 },
      settings: 'restored',
      attachments: { added: 1, kept: 0 },
    })
    const store = new HistoryStore(dst)
    expect(
      store
        .list()
        .map((c) => c.id)
        .sort(),
    ).toEqual([a, b].sort())
    store.close()
    expect(JSON.parse(fs.readFileSync(path.join(dst, 'settings.json'), 'utf8'))).toEqual({
      theme: 'dark',
      provider: { kind: 'custom', baseUrl: 'http://x' },
    })
    // Again: nothing duplicated, nothing changed.
    const before = snapshot(dst)
    expect((await restoreBackup(file, dst)).conversations).toEqual({ added: 0, updated: 0, kept: 2 })
    expect(snapshot(dst)).toEqual(before)
  })

  it('restore merges: an older local copy is brought up to date, a newer one is kept', async () => {
    // The archive's copy is newer than dst's.
    const { dst, id, file } = await olderLocalCopy(tmp)
    expect((await restoreBackup(file, dst)).conversations).toEqual({ added: 0, updated: 1, kept: 0 })
    expect(new HistoryStore(dst).load(id)!.conversation.summary.title).toBe('Renamed in the source')
    // Now the local copy is newer: kept.
    const d = new HistoryStore(dst)
    d.rename(id, 'Renamed locally')
    d.close()
    expect((await restoreBackup(file, dst)).conversations).toEqual({ added: 0, updated: 0, kept: 1 })
    expect(new HistoryStore(dst).load(id)!.conversation.summary.title).toBe('Renamed locally')
  })

  it('a corrupt archive is refused with a clear message and changes nothing', async () => {
    const src = tmp()
    conversation(src, 'q')
    const file = path.join(tmp(), 'b.tar.gz')
    await createBackup(src, file)
    const dst = tmp()
    conversation(dst, 'local')
    const before = snapshot(dst)
    // A flipped byte inside a conversation: its checksum no longer matches.
    const tar = zlib.gunzipSync(fs.readFileSync(file))
    const at = tar.indexOf('answer to q')
    tar[at] = 0x41
    fs.writeFileSync(file, zlib.gzipSync(tar))
    await expect(restoreBackup(file, dst)).rejects.toThrow(
      /does not match its checksum\); nothing was changed/,
    )
    fs.writeFileSync(file, Buffer.from('not gzip'))
    await expect(restoreBackup(file, dst)).rejects.toThrow(/not a usable backup .*nothing was changed/)
    fs.writeFileSync(file, zlib.gzipSync(writeTar([{ path: 'x', data: Buffer.from('y') }])))
    await expect(restoreBackup(file, tmp())).rejects.toThrow(/no manifest/)
    expect(snapshot(dst)).toEqual(before)
  })

  it('rolling backup: one a day, the newest N kept', async () => {
    const src = tmp()
    conversation(src, 'q')
    const dir = path.join(tmp(), 'auto')
    for (let d = 1; d <= 5; d++) await rollingBackup(src, dir, 3, new Date(`2026-11-0${d}T12:00:00Z`))
    expect(await rollingBackup(src, dir, 3, new Date('2026-11-05T18:00:00Z'))).toBeNull()
    expect(fs.readdirSync(dir).sort()).toEqual([
      'assistant-backup-2026-11-03.tar.gz',
      'assistant-backup-2026-11-04.tar.gz',
      'assistant-backup-2026-11-05.tar.gz',
    ])
  })
})
