// Backups stream (issue 13, "progress for long work"): progress in bytes for both passes, a file
// rewritten mid-backup fails it cleanly, a growing conversation is archived as it was, a truncated
// or inconsistent archive changes nothing and leaves no staging files, archives written by the
// earlier in-memory writer still restore, and the host runs one backup or restore at a time.
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { randomBytes, randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import type { BackupProgress } from '@shared/backup'
import type { BridgeEvent } from '@shared/bridge'
import { HistoryStore } from '../../main/core/history/store'
import { createBackup, sha256 } from '../../main/core/backup/backup'
import { restoreBackup } from '../../main/core/backup/restore'
import { writeTar } from '../../main/core/backup/tar'
import { HostCore } from '../../main/host/core'
import { silentLogger } from '../../main/core/log'
import { conversation, tempDirs } from './backup-fixtures'
import { fakeServices } from './app-fake-engine'

const cores: HostCore[] = []
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close()
})
const tmp = tempDirs('backup-stream-')

/** A data folder with two conversations and a 3 MB attachment (several read chunks). */
function dataFolder(): { dir: string; ids: string[]; bytes: number } {
  const dir = tmp()
  const ids = [conversation(dir, 'one'), conversation(dir, 'two')]
  fs.mkdirSync(path.join(dir, 'attachments', 'ab'), { recursive: true })
  // Random bytes: the archive stays about as large, so reading it takes several chunks too.
  const big = randomBytes(3 * 1024 * 1024)
  fs.writeFileSync(path.join(dir, 'attachments', 'ab', 'big.bin'), big)
  const bytes = ids.reduce((a, id) => a + fs.statSync(path.join(dir, 'conversations', `${id}.jsonl`)).size, 0)
  return { dir, ids, bytes: bytes + big.length }
}

const phases = (ps: Omit<BackupProgress, 'task'>[]) => [...new Set(ps.map((p) => p.phase))]
function expectMonotonic(ps: Omit<BackupProgress, 'task'>[], phase: string, total: number) {
  const of = ps.filter((p) => p.phase === phase)
  expect(of.length).toBeGreaterThan(1)
  for (let i = 1; i < of.length; i++) expect(of[i]!.done).toBeGreaterThanOrEqual(of[i - 1]!.done)
  expect(of.every((p) => p.total === total)).toBe(true)
  expect(of.at(-1)!.done).toBe(total)
}

describe('streamed backup and restore', () => {
  it('reports progress in bytes for reading, writing, checking and restoring', async () => {
    const { dir, bytes } = dataFolder()
    const file = path.join(tmp(), 'b.tar.gz')
    const seen: Omit<BackupProgress, 'task'>[] = []
    const r = await createBackup(dir, file, (p) => seen.push(p))
    expect(r).toMatchObject({ conversations: 2, attachments: 1, settings: false })
    expect(phases(seen)).toEqual(['reading', 'writing'])
    expectMonotonic(seen, 'reading', bytes)
    expectMonotonic(seen, 'writing', bytes)
    const back: Omit<BackupProgress, 'task'>[] = []
    const dst = tmp()
    const s = await restoreBackup(file, dst, { onProgress: (p) => back.push(p) })
    expect(s.conversations.added).toBe(2)
    expect(phases(back)).toEqual(['checking', 'restoring'])
    expectMonotonic(back, 'checking', fs.statSync(file).size)
    expectMonotonic(back, 'restoring', 3)
    expect(fs.readFileSync(path.join(dst, 'attachments', 'ab', 'big.bin'))).toEqual(
      fs.readFileSync(path.join(dir, 'attachments', 'ab', 'big.bin')),
    )
    // The staging folder is gone, and so is the backups folder made only for it.
    expect(fs.readdirSync(dst).sort()).toEqual(['attachments', 'conversations'])
  })

  it('a file rewritten during the backup fails it: no archive, no partial file', async () => {
    const { dir, ids } = dataFolder()
    const first = path.join(dir, 'conversations', `${[...ids].sort()[0]}.jsonl`)
    const size = fs.statSync(first).size
    const out = tmp()
    const file = path.join(out, 'b.tar.gz')
    let rewritten = false
    const run = createBackup(dir, file, (p) => {
      // The first file has been read for its checksum: rewrite it at the same size.
      if (!rewritten && p.phase === 'reading' && p.done >= size) {
        rewritten = true
        fs.writeFileSync(first, Buffer.alloc(size, 0x41))
      }
    })
    await expect(run).rejects.toThrow(/changed while it was being backed up; nothing was written/)
    expect(fs.readdirSync(out)).toEqual([])
  })

  it('a conversation that grows during the backup is archived as it was when the backup began', async () => {
    const { dir, ids } = dataFolder()
    const file = path.join(tmp(), 'b.tar.gz')
    const [id] = ids
    const before = fs.readFileSync(path.join(dir, 'conversations', `${id}.jsonl`))
    let grown = false
    await createBackup(dir, file, (p) => {
      if (!grown && p.phase === 'writing') {
        grown = true
        const s = new HistoryStore(dir)
        s.rename(id!, 'Renamed during the backup')
        s.close()
      }
    })
    expect(grown).toBe(true)
    const dst = tmp()
    await restoreBackup(file, dst)
    expect(fs.readFileSync(path.join(dst, 'conversations', `${id}.jsonl`))).toEqual(before)
  })

  it('a truncated or inconsistent archive changes nothing and leaves no staging files', async () => {
    const { dir } = dataFolder()
    const file = path.join(tmp(), 'b.tar.gz')
    await createBackup(dir, file)
    const dst = tmp()
    conversation(dst, 'local')
    fs.mkdirSync(path.join(dst, 'backups'))
    const list = () => fs.readdirSync(dst, { recursive: true }).map(String).sort()
    const before = list()
    const whole = fs.readFileSync(file)
    fs.writeFileSync(file, whole.subarray(0, Math.floor(whole.length * 0.6)))
    await expect(restoreBackup(file, dst)).rejects.toThrow(/not a usable backup .*nothing was changed/)
    expect(list()).toEqual(before)
    // A manifest that lists a path outside the data folder's places.
    const conv = Buffer.from('{}\n')
    const evil = {
      format: 'assistant.backup',
      version: 1,
      createdAt: new Date().toISOString(),
      files: [{ path: '../outside.jsonl', size: conv.length, sha256: sha256(conv) }],
    }
    const tar = (m: object, entries: { path: string; data: Buffer }[]) =>
      zlib.gzipSync(writeTar([{ path: 'manifest.json', data: Buffer.from(JSON.stringify(m)) }, ...entries]))
    fs.writeFileSync(file, tar(evil, [{ path: '../outside.jsonl', data: conv }]))
    await expect(restoreBackup(file, dst)).rejects.toThrow(/unexpected file \(\.\.\/outside\.jsonl\)/)
    // More entries than the manifest lists.
    const p = `conversations/${randomUUID()}.jsonl`
    const one = { ...evil, files: [{ path: p, size: conv.length, sha256: sha256(conv) }] }
    fs.writeFileSync(
      file,
      tar(one, [
        { path: p, data: conv },
        { path: p, data: conv },
      ]),
    )
    await expect(restoreBackup(file, dst)).rejects.toThrow(/more files than its manifest lists/)
    expect(list()).toEqual(before)
    expect(fs.existsSync(path.join(path.dirname(dst), 'outside.jsonl'))).toBe(false)
  })

  it('staging left by a restore that died an hour ago is removed by the next restore', async () => {
    const { dir } = dataFolder()
    const file = path.join(tmp(), 'b.tar.gz')
    await createBackup(dir, file)
    const dst = tmp()
    const backups = path.join(dst, 'backups')
    for (const n of ['.restoring-old', '.restoring-recent']) {
      fs.mkdirSync(path.join(backups, n), { recursive: true })
      fs.writeFileSync(path.join(backups, n, '0'), 'staged')
    }
    fs.writeFileSync(path.join(backups, '.restore-upload-old.tar.gz'), 'upload')
    fs.writeFileSync(path.join(backups, 'assistant-backup-kept.tar.gz'), 'a real backup')
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000)
    for (const n of ['.restoring-old', '.restore-upload-old.tar.gz', 'assistant-backup-kept.tar.gz'])
      fs.utimesSync(path.join(backups, n), twoHoursAgo, twoHoursAgo)
    await restoreBackup(file, dst)
    expect(fs.readdirSync(backups).sort()).toEqual(['.restoring-recent', 'assistant-backup-kept.tar.gz'])
  })

  it('an archive written by the earlier in-memory writer still restores', async () => {
    const src = tmp()
    const id = conversation(src, 'old')
    const data = fs.readFileSync(path.join(src, 'conversations', `${id}.jsonl`))
    const settings = Buffer.from(JSON.stringify({ theme: 'dark' }, null, 1))
    const files = [
      { path: `conversations/${id}.jsonl`, data },
      { path: 'settings.json', data: settings },
    ]
    const manifest = {
      format: 'assistant.backup',
      version: 1,
      createdAt: '2026-11-20T10:00:00.000Z',
      files: files.map((f) => ({ path: f.path, size: f.data.length, sha256: sha256(f.data) })),
    }
    const file = path.join(tmp(), 'old.tar.gz')
    fs.writeFileSync(
      file,
      zlib.gzipSync(
        writeTar([{ path: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 1)) }, ...files]),
      ),
    )
    const dst = tmp()
    expect(await restoreBackup(file, dst)).toEqual({
      conversations: { added: 1, updated: 0, kept: 0 },
      settings: 'restored',
      attachments: { added: 0, kept: 0 },
    })
    expect(fs.readFileSync(path.join(dst, 'conversations', `${id}.jsonl`))).toEqual(data)
  })

  it('the host publishes throttled progress and runs one backup or restore at a time', async () => {
    const { dir } = dataFolder()
    const base = fakeServices()
    const spec = base.engineSpec
    const core = new HostCore({ ...base, engineSpec: () => ({ ...spec(), dataDir: dir }) }, silentLogger)
    cores.push(core)
    const events: BridgeEvent[] = []
    core.fanout.attach('w', (e) => events.push(e))
    const ctx = { sinkId: 'w', sink: (e: BridgeEvent) => events.push(e) }
    const [a, b] = await Promise.all([
      core.query({ name: 'backup.create', input: {} }, ctx),
      core.query({ name: 'backup.create', input: {} }, ctx),
    ])
    expect(a).toMatchObject({ ok: true, value: { conversations: 2, attachments: 1 } })
    expect(b).toEqual({ ok: false, error: 'A backup is already running; wait for it to finish.' })
    const progress = events.filter((e) => e.type === 'backup_progress')
    expect(progress.length).toBeGreaterThan(0)
    expect(progress.at(-1)).toMatchObject({ task: 'backup', phase: 'writing' })
    const last = progress.at(-1) as BackupProgress
    expect(last.done).toBe(last.total)
    // Afterwards the next one may run.
    expect(await core.query({ name: 'backup.create', input: {} }, ctx)).toMatchObject({ ok: true })
  })
})
