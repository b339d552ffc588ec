/**
 * Installs the application menu (template and key policy: menuTemplate.ts) and carries out its
 * actions on the focused window: `command:run` for our commands, or the page's native undo/redo.
 */
import { BrowserWindow, Menu } from 'electron';
import { sendEvent } from './ipc';
import { buildMenuTemplate, type MenuAction } from './menuTemplate';

function perform(action: MenuAction): void {
  const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  if (!window) return;
  if (action.type === 'native') window.webContents[action.edit]();
  else sendEvent(window.webContents, 'command:run', { commandId: action.commandId });
}

export function installMenu(options: { isMac: boolean; isPackaged: boolean }): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate({ ...options, perform })));
}
