// Backup and Restore in Settings (issue 13): one archive of every conversation, the settings
// without secrets and attachments; restore merges a backup into this data folder.
import { useEffect, useState } from 'react'
import { bridge } from '../bridge'
import type { RestoreSummary } from '@shared/backup'
import type { SettingsPatch, SettingsView } from '@shared/bridge'
import { useT } from '../i18n/use-t'

function restoredText(t: ReturnType<typeof useT>, s: RestoreSummary): string {
  const c = s.conversations
  return t('backup.restored', {
    added: c.added,
    updated: c.updated,
    kept: c.kept,
    settings: s.settings === 'restored' ? 'restored' : s.settings === 'kept' ? 'kept' : 'missing',
    attachments: s.attachments.added,
  })
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
  const t = useT()
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
    setStatus(t('backup.backingUp'))
    try {
      const r = await bridge.query('backup.create', {})
      setFile(r.file)
      setStatus(
        t('backup.saved', {
          conversations: r.conversations,
          settings: r.settings ? 'yes' : 'no',
          attachments: r.attachments,
          file: r.file,
          kb: String(Math.ceil(r.bytes / 1024)),
          folder: r.folder,
        }),
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
    setStatus(t('backup.restoring'))
    try {
      setStatus(restoredText(t, await bridge.query('backup.restore', { file })))
    } catch (e) {
      setStatus(null)
      onError((e as Error).message)
    } finally {
      setBusy(null)
    }
  }
  return (
    <fieldset className="group backup">
      <legend>{t('backup.legend')}</legend>
      <p className="hint">{t('backup.hint')}</p>
      <button type="button" className="btn" disabled={busy !== null} onClick={() => void backup()}>
        {t('backup.now')}
      </button>
      <label className="field">
        <span className="field-label">{t('backup.fileLabel')}</span>
        <input
          type="text"
          value={file}
          placeholder={t('backup.filePlaceholder')}
          onChange={(e) => setFile(e.target.value)}
        />
      </label>
      <button
        type="button"
        className="btn"
        disabled={busy !== null || !file.trim()}
        onClick={() => void restore()}
      >
        {t('backup.restore')}
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
        {t('backup.auto')}{' '}
        <input
          type="number"
          className="backup-keep"
          aria-label={t('backup.keepLabel')}
          min={1}
          max={365}
          value={s.autoBackupKeep}
          onChange={(e) => {
            const n = Number(e.target.value)
            if (Number.isInteger(n) && n >= 1 && n <= 365) void save({ autoBackupKeep: n })
          }}
        />
      </label>
      {where && <p className="hint">{t('backup.autoFolder', { folder: where.autoFolder })}</p>}
    </fieldset>
  )
}
