/**
 * Installs the application menu (template and key policy: menuTemplate.ts) and carries out its
 * actions on the focused window: `command:run` for our commands, or the page's native undo/redo.
 * Installed with the defaults at start, then again with the current profile's rebound keys once
 * they are read and after every save (`keymap:changed`), so a menu accelerator never runs the
 * command that used to own a key.
 */
import { BrowserWindow, Menu } from 'electron';
import type { Core } from '../core';
import { channels, events } from '../../shared/contract';
import { resolveCommands } from '../../shared/keyOverrides';
import type { CommandSpec } from '../../shared/keymap';
import { sendEvent } from './ipc';
import { buildMenuTemplate, type MenuAction } from './menuTemplate';

function perform(action: MenuAction): void {
  const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  if (!window) return;
  if (action.type === 'native') window.webContents[action.edit]();
  else sendEvent(window.webContents, 'command:run', { commandId: action.commandId });
}

type MenuOptions = { isMac: boolean; isPackaged: boolean };

export function installMenu(options: MenuOptions, commands?: readonly CommandSpec[]): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate({ ...options, perform }, commands)));
}

/** Keep the menu on the current profile's keys; returns the unsubscribe. */
export function followKeymap(core: Core, options: MenuOptions): () => void {
  void core.dispatch('settings:getKeymap', {}).then((reply) => {
    // A failed read leaves the defaults installed; the renderer tells the person what went wrong.
    if (reply.ok) installMenu(options, resolveCommands(channels['settings:getKeymap'].output.parse(reply.value).overrides));
  });
  return core.onEvent((event, payload) => {
    if (event === 'keymap:changed') installMenu(options, resolveCommands(events['keymap:changed'].parse(payload).overrides));
  });
}
