// Restore from Settings: main, not the page, chooses the backup file (the page never names a path).
// Thin on purpose: the host's `backup.pickAndRestore` gets this as its `pickBackupFile` capability.
import { BrowserWindow, dialog } from 'electron'

export async function pickBackupFile(): Promise<string | null> {
  const options: Electron.OpenDialogOptions = {
    title: 'Restore a backup',
    properties: ['openFile'],
    filters: [{ name: 'Assistant backup', extensions: ['tar.gz', 'gz'] }],
  }
  const parent = BrowserWindow.getFocusedWindow()
  const r = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options)
  return r.canceled || r.filePaths.length === 0 ? null : (r.filePaths[0] ?? null)
}
