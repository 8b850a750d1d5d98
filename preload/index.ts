// The preload: exposes exactly one object, `window.assistant` (an AssistantBridge), built from the
// shared client over IPC. Bundled to one CJS file so the window can stay sandboxed.
import { contextBridge, ipcRenderer } from 'electron'
import { createBridge } from '@shared/bridge'
import { ipcTransport } from './ipc-transport'

contextBridge.exposeInMainWorld('assistant', createBridge(ipcTransport(ipcRenderer)))
