// Restore's file dialog in the desktop app (against the `electron` stub): main asks for one
// existing .tar.gz file, as a sheet of the focused window when there is one; cancel is null.
import { beforeEach, describe, expect, it } from 'vitest'
import { BrowserWindow, stub } from '../stubs/electron'
import { pickBackupFile } from '../../main/app/backup-dialog'

beforeEach(() => stub.reset())

describe('backup file dialog', () => {
  it('asks for one existing backup file; cancel or no file is null', async () => {
    expect(await pickBackupFile()).toBeNull()
    expect(stub.openDialogs).toHaveLength(1)
    const { parent, options } = stub.openDialogs[0]!
    expect(parent).toBeNull()
    expect(options.properties).toEqual(['openFile'])
    expect(options.filters).toEqual([{ name: 'Assistant backup', extensions: ['tar.gz', 'gz'] }])
    stub.openDialogAnswer = { canceled: false, filePaths: [] }
    expect(await pickBackupFile()).toBeNull()
  })

  it('answers the chosen path, attached to the focused window', async () => {
    const win = new BrowserWindow()
    stub.focusedWindow = win
    stub.openDialogAnswer = { canceled: false, filePaths: ['/home/u/assistant-backup.tar.gz'] }
    expect(await pickBackupFile()).toBe('/home/u/assistant-backup.tar.gz')
    expect(stub.openDialogs[0]!.parent).toBe(win)
  })
})
