// Backup and Restore in Settings (issue 13): one archive of every conversation, the settings
// without secrets and attachments; restore merges a backup into this data folder.
import { useEffect, useState } from 'react'
import { bridge } from '../bridge'
import type { RestoreSummary } from '@shared/backup'
import type { SettingsPatch, SettingsView } from '@shared/bridge'

function restoredText(s: RestoreSummary): string {
  const c = s.conversations
  return (
    `Restored: ${c.added} conversation(s) added, ${c.updated} updated, ${c.kept} already up to date` +
    ` · settings ${s.settings === 'restored' ? 'restored' : s.settings === 'kept' ? 'kept as they are' : 'not in the backup'}` +
    ` · ${s.attachments.added} attachment(s) added.`
  )
}

export function BackupSection({
  view,
  save,
  onError,
}: {
  view: SettingsView
  save: (patch: SettingsPatch) => Promise<unknown>
  onError: (message: string | null) => void
}) {
  const [where, setWhere] = useState<{ folder: string; autoFolder: string } | null>(null)
  useEffect(() => {
    bridge.query('backup.location', {}).then(setWhere, () => setWhere(null))
  }, [])
  const s = view.settings
  const [busy, setBusy] = useState<'backup' | 'restore' | null>(null)
  const [status, setStatus] = useState<string | null>(null)
  const [file, setFile] = useState('')
  const backup = async () => {
    setBusy('backup')
    setStatus('Backing up…')
    try {
      const r = await bridge.query('backup.create', {})
      setFile(r.file)
      setStatus(
        `Saved ${r.conversations} conversation(s)${r.settings ? ', settings (without secrets)' : ''} and ${r.attachments} attachment(s) to ${r.file} (${Math.ceil(r.bytes / 1024)} KB). Backups are kept in ${r.folder}.`,
      )
    } catch (e) {
      setStatus(null)
      onError((e as Error).message)
    } finally {
      setBusy(null)
    }
  }
  const restore = async () => {
    setBusy('restore')
    setStatus('Checking and restoring…')
    try {
      setStatus(restoredText(await bridge.query('backup.restore', { file })))
    } catch (e) {
      setStatus(null)
      onError((e as Error).message)
    } finally {
      setBusy(null)
    }
  }
  return (
    <fieldset className="group backup">
      <legend>Backup</legend>
      <p className="hint">
        Every conversation (all branches), the settings without secrets and attachments, in one archive with
        checksums. Keys and sign-ins are never included.
      </p>
      <button type="button" className="btn" disabled={busy !== null} onClick={() => void backup()}>
        Back up now
      </button>
      <label className="field">
        <span className="field-label">Backup file to restore</span>
        <input
          type="text"
          value={file}
          placeholder="/path/to/assistant-backup.tar.gz"
          onChange={(e) => setFile(e.target.value)}
        />
      </label>
      <button
        type="button"
        className="btn"
        disabled={busy !== null || !file.trim()}
        onClick={() => void restore()}
      >
        Restore
      </button>
      {status && (
        <p className="backup-status" role="status" aria-busy={busy !== null}>
          {status}
        </p>
      )}
      <label className="check">
        <input
          type="checkbox"
          checked={s.autoBackup}
          onChange={(e) => void save({ autoBackup: e.target.checked })}
        />
        Back up automatically every day, keeping the last{' '}
        <input
          type="number"
          className="backup-keep"
          aria-label="Automatic backups kept"
          min={1}
          max={365}
          value={s.autoBackupKeep}
          onChange={(e) => {
            const n = Number(e.target.value)
            if (Number.isInteger(n) && n >= 1 && n <= 365) void save({ autoBackupKeep: n })
          }}
        />
      </label>
      {where && <p className="hint">Automatic backups are kept in {where.autoFolder}</p>}
    </fieldset>
  )
}
