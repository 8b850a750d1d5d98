// The tray: open, new chat, quick window, settings, quit; the icon shows idle / answering /
// needs attention. Closing every window leaves the app (and running answers) here.
import { Menu, Tray, nativeImage } from 'electron'
import { trayBitmap, trayTooltip, type TrayState } from './tray-icon'

export interface TrayActions {
  open(): void
  newChat(): void
  quick(): void
  settings(): void
  quit(): void
}

export class AppTray {
  private readonly tray: Tray
  private state: TrayState = 'idle'

  constructor(actions: TrayActions) {
    this.tray = new Tray(this.image('idle'))
    this.tray.setToolTip(trayTooltip('idle', 0))
    this.tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: 'Open Assistant', click: actions.open },
        { label: 'New chat', click: actions.newChat },
        { label: 'Quick window', click: actions.quick },
        { label: 'Settings', click: actions.settings },
        { type: 'separator' },
        { label: 'Quit', click: actions.quit },
      ]),
    )
    this.tray.on('click', actions.open)
  }

  setState(state: TrayState, runningTurns: number): void {
    this.tray.setToolTip(trayTooltip(state, runningTurns))
    if (state === this.state) return
    this.state = state
    this.tray.setImage(this.image(state))
  }

  destroy(): void {
    this.tray.destroy()
  }

  private image(state: TrayState) {
    const size = process.platform === 'darwin' ? 22 : 32
    return nativeImage.createFromBitmap(trayBitmap(state, size), { width: size, height: size })
  }
}
