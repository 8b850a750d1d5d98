// Backup and Restore in Settings (issue 13): one archive of every conversation, the settings
// without secrets and attachments; restore merges a backup into this data folder. The page never
// names a path: the desktop app's main process opens the file dialog, in the browser the page picks
// the file and sends its bytes (up to the socket's message size).
import { useEffect, useState } from 'react'
import { bridge } from '../bridge'
import type { RestoreSummary } from '@shared/backup'
import { MAX_RESTORE_UPLOAD_BYTES, type SettingsPatch, type SettingsView } from '@shared/bridge'
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
  const [restoreFrom, setRestoreFrom] = useState<'picker' | 'upload' | null>(null)
  useEffect(() => {
    bridge.query('backup.location', {}).then(setWhere, () => setWhere(null))
    bridge.query('host.capabilities', {}).then(
      (c) => setRestoreFrom(c.restoreFrom ?? null),
      () => setRestoreFrom(null),
    )
  }, [])
  const limitMb = String(MAX_RESTORE_UPLOAD_BYTES / 1024 / 1024)
  const tooLarge = (f: File) =>
    t('backup.tooLarge', { mb: String(Math.ceil(f.size / 1024 / 1024)), limit: limitMb })
  const s = view.settings
  const [busy, setBusy] = useState<'backup' | 'restore' | null>(null)
  const [status, setStatus] = useState<string | null>(null)
  const [picked, setPicked] = useState<File | null>(null)
  const backup = async () => {
    setBusy('backup')
    setStatus(t('backup.backingUp'))
    try {
      const r = await bridge.query('backup.create', {})
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
    if (restoreFrom === 'upload') {
      if (!picked) return
      if (picked.size > MAX_RESTORE_UPLOAD_BYTES) return setStatus(tooLarge(picked))
    }
    setBusy('restore')
    setStatus(t('backup.restoring'))
    try {
      if (restoreFrom === 'upload' && picked) {
        const data = new Uint8Array(await picked.arrayBuffer())
        setStatus(restoredText(t, await bridge.query('backup.restoreUpload', { data })))
      } else {
        const r = await bridge.query('backup.pickAndRestore', {})
        setStatus(r.summary ? restoredText(t, r.summary) : t('backup.cancelled'))
      }
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
      {restoreFrom === 'upload' && (
        <label className="field">
          <span className="field-label">{t('backup.fileLabel')}</span>
          <input
            type="file"
            accept=".gz,.tar.gz,application/gzip"
            onChange={(e) => {
              const f = e.target.files?.[0] ?? null
              setPicked(f)
              // Too large: said next to the control and Restore stays off; nothing is sent.
              setStatus(f && f.size > MAX_RESTORE_UPLOAD_BYTES ? tooLarge(f) : null)
            }}
          />
        </label>
      )}
      {restoreFrom === 'upload' && <p className="hint">{t('backup.uploadLimit', { mb: limitMb })}</p>}
      {restoreFrom && (
        <button
          type="button"
          className="btn"
          disabled={
            busy !== null || (restoreFrom === 'upload' && (!picked || picked.size > MAX_RESTORE_UPLOAD_BYTES))
          }
          onClick={() => void restore()}
        >
          {restoreFrom === 'picker' ? t('backup.restorePick') : t('backup.restore')}
        </button>
      )}
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
