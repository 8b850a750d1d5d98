// Restore from Settings without a path from the page: `backup.restoreUpload` (browser host: the
// archive's bytes) and `backup.pickAndRestore` (Electron: main's file dialog, injected here).
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { MAX_RESTORE_UPLOAD_BYTES, type BridgeEvent } from '@shared/bridge'
import { createBackup } from '../../main/core/backup/backup'
import { HostCore } from '../../main/host/core'
import { silentLogger } from '../../main/core/log'
import { conversation, snapshot, tempDirs } from './backup-fixtures'
import { fakeServices } from './app-fake-engine'

const cores: HostCore[] = []
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close()
})
const tmp = tempDirs('restore-q-')

/** A backup of two conversations, as a file outside the target data folder. */
async function archive(): Promise<string> {
  const src = tmp()
  conversation(src, 'one')
  conversation(src, 'two')
  const file = path.join(tmp(), 'assistant-backup-test.tar.gz')
  await createBackup(src, file)
  return file
}

function setup(pickBackupFile?: () => Promise<string | null>) {
  const dataDir = tmp()
  conversation(dataDir, 'already here')
  const base = fakeServices()
  const spec = base.engineSpec
  const services = {
    ...base,
    engineSpec: () => ({ ...spec(), dataDir }),
    ...(pickBackupFile ? { pickBackupFile } : {}),
  }
  const core = new HostCore(services, silentLogger)
  cores.push(core)
  const events: BridgeEvent[] = []
  const ctx = { sinkId: 'test', sink: (e: BridgeEvent) => events.push(e) }
  return { core, ctx, dataDir }
}

describe('restore from the page without a path', () => {
  it('the contract has no path-taking restore query', async () => {
    const { core, ctx } = setup()
    expect(await core.query({ name: 'backup.restore', input: { file: '/etc/passwd' } }, ctx)).toEqual({
      ok: false,
      error: 'unknown query "backup.restore"',
    })
  })

  it('bytes: a valid archive restores; the temp file is gone', async () => {
    const { core, ctx, dataDir } = setup()
    const data = new Uint8Array(fs.readFileSync(await archive()))
    const r = await core.query({ name: 'backup.restoreUpload', input: { data } }, ctx)
    expect(r).toMatchObject({ ok: true, value: { conversations: { added: 2, updated: 0 } } })
    expect(fs.readdirSync(path.join(dataDir, 'backups'))).toEqual([])
  })

  it('bytes: a corrupt archive is refused and nothing changes', async () => {
    const { core, ctx, dataDir } = setup()
    const data = new Uint8Array(fs.readFileSync(await archive()))
    const mid = Math.floor(data.length / 2)
    data[mid] = (data[mid] ?? 0) ^ 0xff
    const before = snapshot(dataDir)
    const r = await core.query({ name: 'backup.restoreUpload', input: { data } }, ctx)
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/nothing was changed|not a usable/) })
    expect(snapshot(dataDir)).toEqual(before)
    const junk = await core.query(
      { name: 'backup.restoreUpload', input: { data: new Uint8Array([1, 2, 3]) } },
      ctx,
    )
    expect(junk).toMatchObject({ ok: false })
    expect(snapshot(dataDir)).toEqual(before)
  })

  it('bytes: an archive over the socket limit is refused before anything is written', async () => {
    const { core, ctx, dataDir } = setup()
    const before = snapshot(dataDir)
    const data = new Uint8Array(MAX_RESTORE_UPLOAD_BYTES + 1)
    const r = await core.query({ name: 'backup.restoreUpload', input: { data } }, ctx)
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/at most 20 MB/) })
    expect(snapshot(dataDir)).toEqual(before)
    expect(fs.existsSync(path.join(dataDir, 'backups'))).toBe(false)
  })

  it('picker: the picked file restores; cancel changes nothing', async () => {
    const file = await archive()
    let answer: string | null = null
    const { core, ctx, dataDir } = setup(async () => answer)
    const before = snapshot(dataDir)
    expect(await core.query({ name: 'backup.pickAndRestore', input: {} }, ctx)).toEqual({
      ok: true,
      value: { cancelled: true, summary: null },
    })
    expect(snapshot(dataDir)).toEqual(before)
    answer = file
    const r = await core.query({ name: 'backup.pickAndRestore', input: {} }, ctx)
    expect(r).toMatchObject({
      ok: true,
      value: { cancelled: false, summary: { conversations: { added: 2, updated: 0, kept: 0 } } },
    })
  })

  it('picker: a host without a dialog says so', async () => {
    const { core, ctx } = setup()
    expect(await core.query({ name: 'backup.pickAndRestore', input: {} }, ctx)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/no file dialog/),
    })
  })
})
