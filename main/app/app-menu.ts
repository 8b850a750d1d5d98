// The application menu: our own, so Electron's default (with Reload and DevTools in every build)
// never ships. The Edit roles keep copy, paste, select all and undo working in the text fields
// (on macOS their shortcuts exist only through the menu); Reload and DevTools only in development.
import { Menu, type MenuItemConstructorOptions } from 'electron'

export function appMenuTemplate(opts: {
  dev: boolean
  platform: NodeJS.Platform
}): MenuItemConstructorOptions[] {
  const mac = opts.platform === 'darwin'
  const template: MenuItemConstructorOptions[] = []
  if (mac) template.push({ role: 'appMenu' })
  else template.push({ label: 'File', submenu: [{ role: 'quit' }] })
  template.push({
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  })
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ]
  if (opts.dev)
    view.unshift(
      { role: 'reload' },
      { role: 'forceReload' },
      { role: 'toggleDevTools' },
      { type: 'separator' },
    )
  template.push({ label: 'View', submenu: view })
  template.push({ role: 'windowMenu' })
  return template
}

export function installAppMenu(dev: boolean): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate({ dev, platform: process.platform })))
}
