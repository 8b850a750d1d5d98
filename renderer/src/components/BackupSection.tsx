// Backup and Restore in Settings (issue 13): one archive of every conversation, the settings
// without secrets and attachments; restore merges a backup into this data folder. The page never
// names a path: the desktop app's main process opens the file dialog, in the browser the page picks
// the file and sends its bytes (up to the socket's message size).
import { useEffect, useState } from 'react'
import { bridge } from '../bridge'
import type { BackupProgress, RestoreSummary } from '@shared/backup'
import { MAX_RESTORE_UPLOAD_BYTES, type SettingsPatch, type SettingsView } from '@shared/bridge'
import { useT } from '../i18n/use-t'

/**
 * Where each phase sits in the whole task, so one bar runs once from 0 to 100%: checksums are
 * quicker than gzip, and checking an archive is most of a restore (putting files in place is renames).
 */
const SPAN: Record<BackupProgress['phase'], [number, number]> = {
  reading: [0, 0.3],
  writing: [0.3, 1],
  checking: [0, 0.9],
  restoring: [0.9, 1],
}

/** The running backup or restore as the host reports it: what it does, and how far (a bar and a percentage). */
function ProgressLine({ p }: { p: BackupProgress }) {
  const t = useT()
  const [from, to] = SPAN[p.phase]
  const fraction = from + (to - from) * (p.total > 0 ? Math.min(1, p.done / p.total) : 1)
  return (
    <div className="backup-progress">
      <progress max={1} value={fraction} aria-label={t('backup.progressLabel')} />
      <span>{t('backup.progress', { phase: t(`backup.phase.${p.phase}`), percent: fraction })}</span>
    </div>
  )
}

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
  const [progress, setProgress] = useState<BackupProgress | null>(null)
  useEffect(
    () =>
      bridge.onEvent((e) => {
        if (e.type === 'backup_progress') setProgress(e)
      }),
    [],
  )
  const backup = async () => {
    setBusy('backup')
    setProgress(null)
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
    setProgress(null)
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
      {busy !== null && progress && <ProgressLine p={progress} />}
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
