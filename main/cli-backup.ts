// `assistant backup --out FILE` and `assistant restore FILE`: every conversation, the settings
// without secrets and attachments, in one archive with a manifest and checksums (core/backup/).
import { parseArgs } from 'node:util'
import { defaultDataDir } from './core/paths'
import { createBackup, type OnProgress } from './core/backup/backup'
import { restoreBackup } from './core/backup/restore'

interface Io {
  out: (s: string) => void
  err: (s: string) => void
  env: NodeJS.ProcessEnv
}

const PHASE = {
  reading: 'reading files',
  writing: 'writing the archive',
  checking: 'checking the archive',
  restoring: 'putting files in place',
}

/** `--progress`: one line on stderr per phase and each further 10% (a script's log stays short). */
function progressLines(task: string, err: (s: string) => void): OnProgress {
  let last = ''
  return (p) => {
    const step = p.total > 0 ? Math.floor((p.done / p.total) * 10) * 10 : 100
    const line = `${task}: ${PHASE[p.phase]} ${step}%`
    if (line !== last) err(`${line}\n`)
    last = line
  }
}

export async function backupCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { out: { type: 'string' }, 'data-dir': { type: 'string' }, progress: { type: 'boolean' } },
  })
  if (!values.out) throw new Error('--out FILE is required')
  const onProgress = values.progress ? progressLines('backup', io.err) : undefined
  const r = await createBackup(values['data-dir'] ?? defaultDataDir(io.env), values.out, onProgress)
  io.out(
    `backed up ${r.conversations} conversation(s), ${r.attachments} attachment(s)${r.settings ? ', settings (without secrets)' : ''} to ${r.file} (${r.bytes} bytes)\n`,
  )
  return 0
}

export async function restoreCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'data-dir': { type: 'string' }, progress: { type: 'boolean' } },
  })
  const file = positionals[0]
  if (!file) throw new Error('the backup FILE is required')
  const onProgress = values.progress ? progressLines('restore', io.err) : undefined
  const s = await restoreBackup(file, values['data-dir'] ?? defaultDataDir(io.env), {
    ...(onProgress ? { onProgress } : {}),
  })
  const c = s.conversations
  io.out(
    `restored: ${c.added} conversation(s) added, ${c.updated} updated, ${c.kept} kept (the local copy was as new or newer); settings ${s.settings}; ${s.attachments.added} attachment(s) added, ${s.attachments.kept} kept\n`,
  )
  return 0
}
